package dev.gauntlet.backend.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class TestCertificateAuthorityTest {
    @Test
    void theSameSeedGivesTheSameCaKeySoRestartedBackendsShareOneCa() throws Exception {
        SecureRandom a = SecureRandom.getInstance("SHA1PRNG");
        a.setSeed("gauntlet-test-ca-v1".getBytes(StandardCharsets.US_ASCII));
        SecureRandom b = SecureRandom.getInstance("SHA1PRNG");
        b.setSeed("gauntlet-test-ca-v1".getBytes(StandardCharsets.US_ASCII));
        assertThat(SelfSignedCertificates.newKeys(a).getPublic()).as("key from the same seed")
                .isEqualTo(SelfSignedCertificates.newKeys(b).getPublic());
        assertThat(TestCertificateAuthority.certificate().getPublicKey()).as("the CA's key")
                .isEqualTo(SelfSignedCertificates.newKeys(seeded()).getPublic());
    }

    @Test
    void caCertificateIsACaAndValidForDecades() throws Exception {
        var ca = TestCertificateAuthority.certificate();
        assertThat(ca.getBasicConstraints()).as("basic constraints path length (-1 = not a CA)").isGreaterThanOrEqualTo(0);
        assertThat(ca.getSubjectX500Principal().getName()).as("subject").isEqualTo("CN=Gauntlet Test CA");
        assertThat(TestCertificateAuthority.pem()).as("PEM").startsWith("-----BEGIN CERTIFICATE-----\n");
    }

    private static SecureRandom seeded() throws Exception {
        SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
        r.setSeed("gauntlet-test-ca-v1".getBytes(StandardCharsets.US_ASCII));
        return r;
    }
}
