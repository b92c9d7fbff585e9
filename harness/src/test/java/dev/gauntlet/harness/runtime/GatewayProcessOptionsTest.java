package dev.gauntlet.harness.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the runtime adds to the gateway's start: its open-files limit and, with upstream TLS, the test CA. */
class GatewayProcessOptionsTest {

    /** A self-signed EC certificate (CN=Test CA), as {@code GET /_control/tls/ca} answers one. */
    private static final String CA_PEM = """
            -----BEGIN CERTIFICATE-----
            MIIBejCCASGgAwIBAgIUMhzgPBeN9WLdGslzJBd84ytV9WgwCgYIKoZIzj0EAwIw
            EjEQMA4GA1UEAwwHVGVzdCBDQTAgFw0yNjExMjYxMjA3MTBaGA8yMTI2MTEwMjEy
            MDcxMFowEjEQMA4GA1UEAwwHVGVzdCBDQTBZMBMGByqGSM49AgEGCCqGSM49AwEH
            A0IABHkRv/k+wdrmNNpZwZ68K3i0hzaD43s+3bX3lAbGHiWD7MBkGGLvSIqVb36R
            jbIxA1x5jYKCKPlg1I5oLsjoRUWjUzBRMB0GA1UdDgQWBBShk8XXGJEK+PtDup/k
            dWVvv38u8DAfBgNVHSMEGDAWgBShk8XXGJEK+PtDup/kdWVvv38u8DAPBgNVHRMB
            Af8EBTADAQH/MAoGCCqGSM49BAMCA0cAMEQCIH/MxcINtOO0I6JYnr82byfGf5mZ
            L17UsXKhlGq5E3ZeAiA4hT7SPyP117Ah0SFKvCR7CuQSRV+GNsRuvYhKXLRCyA==
            -----END CERTIFICATE-----
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void setsSoftAndHardOpenFilesLimitOfTheRunningGateway() {
        assertThat(GatewayProcess.prlimitCommand(4242, 256)).as("prlimit on the gateway's pid, soft:hard")
                .containsExactly("prlimit", "--pid", "4242", "--nofile=256:256");
    }

    @Test
    void needsATrustStoreOnlyWhenAClusterTalksTlsToItsEndpoints() throws Exception {
        assertThat(TestCaTrustStore.needed(JSON.readTree("{\"clusters\":[{\"name\":\"api\"}]}")))
                .as("plain HTTP upstreams").isFalse();
        assertThat(TestCaTrustStore.needed(JSON.readTree(
                "{\"clusters\":[{\"name\":\"a\"},{\"name\":\"b\",\"tls\":{\"enabled\":true,\"verify\":true}}]}")))
                .as("one TLS cluster").isTrue();
        assertThat(TestCaTrustStore.needed(JSON.readTree("{\"clusters\":[{\"name\":\"a\",\"tls\":{\"enabled\":false}}]}")))
                .as("TLS switched off").isFalse();
    }

    @Test
    void writesTheTestCaAsTheOnlyTrustAnchorOfAPkcs12Store() throws Exception {
        Path store = TestCaTrustStore.write(CA_PEM, dir.resolve("trust.p12"));

        KeyStore read = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            read.load(in, TestCaTrustStore.PASSWORD.toCharArray());
        }
        assertThat(read.size()).as("one entry").isEqualTo(1);
        assertThat(read.isCertificateEntry(TestCaTrustStore.ALIAS)).as("a trusted certificate entry").isTrue();
        assertThat(((X509Certificate) read.getCertificate(TestCaTrustStore.ALIAS)).getSubjectX500Principal().getName())
                .as("the CA's subject").isEqualTo("CN=Test CA");
        assertThat(TestCaTrustStore.jvmOptions(store)).as("JVM options naming the store, its type and password")
                .contains("-Djavax.net.ssl.trustStore=" + store.toAbsolutePath(), "-Djavax.net.ssl.trustStoreType=PKCS12",
                        "-Djavax.net.ssl.trustStorePassword=" + TestCaTrustStore.PASSWORD);
    }

    @Test
    void refusesAnswerThatIsNoCertificate() {
        assertThatThrownBy(() -> TestCaTrustStore.write("not a certificate", dir.resolve("bad.p12")))
                .as("a part that cannot start, with the file named").isInstanceOf(PartStartException.class)
                .hasMessageContaining("bad.p12");
    }
}
