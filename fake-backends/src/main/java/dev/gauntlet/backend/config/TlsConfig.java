package dev.gauntlet.backend.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * TLS on the data port. Changing it at run time re-opens the data port (same port number), dropping
 * open connections, as a redeploy with a new certificate would.
 *
 * <pre>{@code
 * {"tls": {"mode": "self_signed", "hostname": "localhost"}}
 * {"tls": {"mode": "ca_signed"}}                 // trust GET /_control/tls/ca and this one is good
 * {"tls": {"mode": "expired"}}
 * {"tls": {"mode": "provided", "keystore": "/etc/certs/api.p12", "password": "changeit"}}
 * }</pre>
 *
 * @param mode     see {@link TlsMode}
 * @param hostname the name generated certificates are for (DNS SAN and CN; 127.0.0.1 is always added
 *                 as an IP SAN, except for wrong_host)
 * @param keystore PKCS#12 file for {@code provided}
 * @param password the keystore's password
 */
public record TlsConfig(TlsMode mode, String hostname, String keystore, String password) {
    public static final TlsMode DEFAULT_MODE = TlsMode.OFF;
    public static final String DEFAULT_HOSTNAME = "localhost";
    public static final String DEFAULT_PASSWORD = "";
    /** The name a wrong_host certificate is issued for. */
    public static final String WRONG_HOSTNAME = "wrong-host.invalid";
    public static final TlsConfig OFF = new TlsConfig(DEFAULT_MODE, DEFAULT_HOSTNAME, null, DEFAULT_PASSWORD);
    static final List<String> FIELDS = List.of("mode", "hostname", "keystore", "password");

    public TlsConfig {
        if (mode == null) {
            throw BehaviourInvalidException.of("mode", "null", "one of " + String.join(", ", TlsMode.ids()));
        }
        if (hostname == null || !hostname.matches("[A-Za-z0-9.-]+")) {
            throw BehaviourInvalidException.of("hostname", hostname, "a DNS name like localhost");
        }
        if (mode == TlsMode.PROVIDED && (keystore == null || keystore.isBlank())) {
            throw BehaviourInvalidException.of("keystore", keystore, "a PKCS#12 file path when mode is provided");
        }
        if (password == null) {
            throw BehaviourInvalidException.of("password", "null", "a string");
        }
    }

    public boolean enabled() {
        return mode != TlsMode.OFF;
    }

    static TlsConfig read(Section s) {
        String mode = s.choice("mode", DEFAULT_MODE.id(), TlsMode.ids());
        return new TlsConfig(TlsMode.fromId(mode), s.text("hostname", DEFAULT_HOSTNAME), s.text("keystore", null),
                s.text("password", DEFAULT_PASSWORD));
    }

    void write(ObjectNode out) {
        out.put("mode", mode.id()).put("hostname", hostname);
        if (keystore != null) {
            out.put("keystore", keystore);
        }
        // The password is written back so GET, edit, PUT round-trips; the control port is loopback only.
        out.put("password", password);
    }
}
