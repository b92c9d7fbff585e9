package dev.gauntlet.backend.config;

import java.util.Arrays;

/**
 * How the data port speaks TLS; the generated certificates reproduce the guide's handshake failures.
 *
 * <pre>{@code
 * TlsMode.fromId("expired");   // EXPIRED
 * }</pre>
 */
public enum TlsMode {
    /** Plain HTTP. */
    OFF("off"),
    /** HTTPS with the certificate and key in a given PKCS#12 keystore. */
    PROVIDED("provided"),
    /** HTTPS with a generated self-signed certificate for {@code hostname} (untrusted unless pinned). */
    SELF_SIGNED("self_signed"),
    /** HTTPS with a valid certificate for {@code hostname} signed by the Gauntlet test CA (the good baseline). */
    CA_SIGNED("ca_signed"),
    /** HTTPS with a certificate for {@code hostname}, signed by the test CA, that expired yesterday. */
    EXPIRED("expired"),
    /** HTTPS with a certificate signed by the test CA for another host ({@code wrong-host.invalid}). */
    WRONG_HOST("wrong_host");

    private final String id;

    TlsMode(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    static String[] ids() {
        return Arrays.stream(values()).map(TlsMode::id).toArray(String[]::new);
    }

    public static TlsMode fromId(String id) {
        return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst().orElseThrow();
    }
}
