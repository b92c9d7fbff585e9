package dev.gauntlet.backend.server;

import dev.gauntlet.backend.config.BehaviourInvalidException;
import dev.gauntlet.backend.config.TlsConfig;
import java.io.File;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The server {@link SSLContext} for a {@link TlsConfig}: null for plain HTTP, a loaded keystore for
 * {@code provided}, or a freshly generated certificate for the failure modes of the guide
 * (self-signed, expired, issued for another host).
 *
 * <pre>{@code
 * SSLContext ctx = TlsContexts.create(new TlsConfig(TlsMode.EXPIRED, "localhost", null, ""));
 * }</pre>
 */
public final class TlsContexts {
    static final Duration VALIDITY = Duration.ofDays(365);
    private static final char[] GENERATED_PASSWORD = "gauntlet".toCharArray();

    private TlsContexts() {
    }

    public static SSLContext create(TlsConfig tls) {
        try {
            return switch (tls.mode()) {
                case OFF -> null;
                case PROVIDED -> provided(tls);
                case SELF_SIGNED -> generated(tls.hostname(), true, Instant.now().minus(Duration.ofDays(1)),
                        Instant.now().plus(VALIDITY));
                case EXPIRED -> generated(tls.hostname(), true, Instant.now().minus(VALIDITY),
                        Instant.now().minus(Duration.ofDays(1)));
                case WRONG_HOST -> generated(TlsConfig.WRONG_HOSTNAME, false, Instant.now().minus(Duration.ofDays(1)),
                        Instant.now().plus(VALIDITY));
            };
        } catch (GeneralSecurityException e) {
            throw BehaviourInvalidException.of("tls.mode", tls.mode().id(), "a TLS mode this JVM supports (" + e + ")");
        }
    }

    private static SSLContext provided(TlsConfig tls) throws GeneralSecurityException {
        char[] password = tls.password().toCharArray();
        KeyStore ks;
        try {
            ks = KeyStore.getInstance(new File(tls.keystore()), password);
        } catch (java.io.IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw BehaviourInvalidException.of("tls.keystore", tls.keystore(),
                    "a readable PKCS#12 or JKS keystore that tls.password opens");
        }
        return context(ks, password);
    }

    private static SSLContext generated(String host, boolean loopbackIp, Instant notBefore, Instant notAfter)
            throws GeneralSecurityException {
        var g = SelfSignedCertificates.generate(host, List.of(host), loopbackIp, notBefore, notAfter);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try {
            ks.load(null, null);
        } catch (java.io.IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        ks.setKeyEntry("backend", g.keys().getPrivate(), GENERATED_PASSWORD, new Certificate[] {g.certificate()});
        return context(ks, GENERATED_PASSWORD);
    }

    private static SSLContext context(KeyStore ks, char[] password) throws GeneralSecurityException {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }
}
