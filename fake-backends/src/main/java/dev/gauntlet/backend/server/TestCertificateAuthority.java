package dev.gauntlet.backend.server;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * The Gauntlet test CA that signs the {@code ca_signed}, {@code expired} and {@code wrong_host}
 * certificates. Its key is derived from a fixed seed, so every backend, in every process and after
 * every restart, is signed by the same CA: a gateway configured once to trust it keeps trusting
 * restarted backends, and then fails only for the reason the scenario injects (expiry, host name).
 * Not a secret and not for anything but tests.
 *
 * <pre>{@code
 * String pem = TestCertificateAuthority.pem();   // also GET /_control/tls/ca
 * }</pre>
 */
public final class TestCertificateAuthority {
    public static final String NAME = "Gauntlet Test CA";
    private static final byte[] SEED = "gauntlet-test-ca-v1".getBytes(StandardCharsets.US_ASCII);
    private static final Instant NOT_BEFORE = Instant.parse("2020-01-01T00:00:00Z");
    private static final Instant NOT_AFTER = Instant.parse("2099-12-31T00:00:00Z");
    private static volatile TestCertificateAuthority instance;

    final KeyPair keys;
    final X509Certificate certificate;

    private TestCertificateAuthority() throws GeneralSecurityException {
        SecureRandom seeded = SecureRandom.getInstance("SHA1PRNG");
        seeded.setSeed(SEED);   // before any output: SHA1PRNG is then fully determined by the seed
        this.keys = SelfSignedCertificates.newKeys(seeded);
        this.certificate = SelfSignedCertificates.issue(NAME, List.of(), false, NOT_BEFORE, NOT_AFTER,
                keys.getPublic(), NAME, keys.getPrivate(), true);
    }

    static TestCertificateAuthority get() throws GeneralSecurityException {
        if (instance == null) {
            synchronized (TestCertificateAuthority.class) {
                if (instance == null) {
                    instance = new TestCertificateAuthority();
                }
            }
        }
        return instance;
    }

    /** The CA certificate, to put in a gateway's trust store. */
    public static X509Certificate certificate() throws GeneralSecurityException {
        return get().certificate;
    }

    /** The CA certificate in PEM. */
    public static String pem() throws GeneralSecurityException {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(get().certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}
