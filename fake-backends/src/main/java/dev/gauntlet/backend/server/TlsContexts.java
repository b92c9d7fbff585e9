package dev.gauntlet.backend.server;

import dev.gauntlet.backend.config.BehaviourInvalidException;
import dev.gauntlet.backend.config.TlsConfig;
import java.io.File;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The server {@link SSLContext} for a {@link TlsConfig}: null for plain HTTP, a loaded keystore for
 * {@code provided}, or a freshly generated certificate: self-signed, or signed by the
 * {@link TestCertificateAuthority} (valid, expired, or issued for another host) for the guide's
 * handshake failures.
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
                case SELF_SIGNED -> selfSigned(tls.hostname());
                case CA_SIGNED -> caSigned(tls.hostname(), true, Instant.now().minus(Duration.ofDays(1)),
                        Instant.now().plus(VALIDITY));
                case EXPIRED -> caSigned(tls.hostname(), true, Instant.now().minus(VALIDITY),
                        Instant.now().minus(Duration.ofDays(1)));
                case WRONG_HOST -> caSigned(TlsConfig.WRONG_HOSTNAME, false, Instant.now().minus(Duration.ofDays(1)),
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

    private static SSLContext selfSigned(String host) throws GeneralSecurityException {
        var g = SelfSignedCertificates.generate(host, List.of(host), true, Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(VALIDITY));
        return withKey(g.keys().getPrivate(), g.certificate());
    }

    /** A leaf signed by the test CA, served with the CA certificate as its chain. */
    private static SSLContext caSigned(String host, boolean loopbackIp, Instant notBefore, Instant notAfter)
            throws GeneralSecurityException {
        TestCertificateAuthority ca = TestCertificateAuthority.get();
        KeyPair keys = SelfSignedCertificates.newKeys(new SecureRandom());
        X509Certificate leaf = SelfSignedCertificates.issue(host, List.of(host), loopbackIp, notBefore, notAfter,
                keys.getPublic(), TestCertificateAuthority.NAME, ca.keys.getPrivate(), false);
        return withKey(keys.getPrivate(), leaf, ca.certificate);
    }

    private static SSLContext withKey(PrivateKey key, Certificate... chain) throws GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try {
            ks.load(null, null);
        } catch (java.io.IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        ks.setKeyEntry("backend", key, GENERATED_PASSWORD, chain);
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
