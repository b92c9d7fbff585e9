package dev.gauntlet.gateway.it;

import static dev.gauntlet.gateway.it.InProcessGateway.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gauntlet.gateway.Gateway;
import dev.gauntlet.gateway.health.EndpointState;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS towards the endpoints: data path and HTTP health checks over HTTPS to a self-signed backend. */
class UpstreamTlsIT {
    @TempDir
    Path dir;

    private SSLContext selfSigned() throws Exception {
        Path ks = dir.resolve("backend.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "backend", "-keyalg", "EC", "-dname", "CN=127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", ks.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).as("keytool exit").isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, "changeit".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    @Test
    void proxiesAndHealthChecksOverTls() throws Exception {
        try (TestBackend b = new TestBackend("tls-b", selfSigned());
             Gateway gw = InProcessGateway.start("""
                     clusters:
                       - name: api
                         endpoints: [ { name: b, address: "%s" } ]
                         healthCheck: { interval: 100ms }
                         tls: { enabled: true, verify: false }
                     """.formatted(b.address()))) {
            var r = get(gw, "/x");
            assertThat(r.statusCode()).as("status over TLS").isEqualTo(200);
            assertThat(r.headers().firstValue("x-backend-id")).as("served by").contains("tls-b");
            var ep = gw.clusters().get("api").endpoints().get(0);
            await().atMost(Duration.ofSeconds(3)).until(() -> ep.health().checks() >= 3);
            assertThat(ep.health().checkFailures()).as("TLS health checks pass").isZero();
            b.healthStatus.set(500);
            await().atMost(Duration.ofSeconds(3)).until(() -> ep.health().state() == EndpointState.UNHEALTHY);
        }
    }

    @Test
    void verifyingTlsRefusesAnUntrustedCertificate() throws Exception {
        try (TestBackend b = new TestBackend("tls-b", selfSigned());
             Gateway gw = InProcessGateway.start("""
                     clusters:
                       - name: api
                         endpoints: [ { name: b, address: "%s" } ]
                         healthCheck: { interval: 100ms, unhealthyThreshold: 1 }
                         tls: { enabled: true }
                     """.formatted(b.address()))) {
            var ep = gw.clusters().get("api").endpoints().get(0);
            await().atMost(Duration.ofSeconds(3)).until(() -> ep.health().state() == EndpointState.UNHEALTHY);
        }
    }
}
