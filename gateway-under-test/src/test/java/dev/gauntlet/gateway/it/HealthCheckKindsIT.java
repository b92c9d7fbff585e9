package dev.gauntlet.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.gateway.TlsContexts;
import dev.gauntlet.gateway.config.GatewaySpec;
import dev.gauntlet.gateway.config.HealthCheckConfig;
import dev.gauntlet.gateway.health.CheckOutcome;
import dev.gauntlet.gateway.health.Prober;
import dev.gauntlet.gateway.health.SocketProber;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real prober against a real backend: HTTP status, body match, Host header, immediate fail, TCP. */
class HealthCheckKindsIT {
    private final SocketProber prober = new SocketProber(TlsContexts::socketFactory);

    private static HealthCheckConfig hc(String type, String host, List<Integer> statuses, String body) {
        return HealthCheckConfig.from(new GatewaySpec.HealthCheckSpec(true, type, "/health", host, "1s", null, "0ms",
                "500ms", 3, 2, statuses, body, null));
    }

    @Test
    void httpCheckPassesOnAnExpectedStatusOnly() {
        try (TestBackend b = new TestBackend("b")) {
            Prober.ProbeTarget t = Prober.ProbeTarget.plain("127.0.0.1", b.port());
            assertThat(prober.check(t, hc("http", null, null, null))).as("200").isEqualTo(CheckOutcome.PASS);
            b.healthStatus.set(503);
            assertThat(prober.check(t, hc("http", null, null, null))).as("503").isEqualTo(CheckOutcome.FAIL);
            assertThat(prober.result(t, hc("http", null, null, null)).detail()).as("what the check saw")
                    .isEqualTo("status 503");
            assertThat(prober.check(t, hc("http", null, List.of(200, 503), null))).as("503 expected")
                    .isEqualTo(CheckOutcome.PASS);
        }
    }

    @Test
    void bodyMatchFailsWhenTheTextIsMissing() {
        try (TestBackend b = new TestBackend("b")) {
            Prober.ProbeTarget t = Prober.ProbeTarget.plain("127.0.0.1", b.port());
            b.healthBody = "status: ready";
            assertThat(prober.check(t, hc("http", null, null, "ready"))).as("contains").isEqualTo(CheckOutcome.PASS);
            assertThat(prober.check(t, hc("http", null, null, "draining"))).as("missing").isEqualTo(CheckOutcome.FAIL);
        }
    }

    @Test
    void sendsTheConfiguredHostHeader() {
        try (TestBackend b = new TestBackend("b")) {
            prober.check(Prober.ProbeTarget.plain("127.0.0.1", b.port()), hc("http", "health.api.test", null, null));
            assertThat(b.lastHost).as("Host").isEqualTo("health.api.test");
        }
    }

    @Test
    void immediateFailHeaderFailsAtOnce() {
        try (TestBackend b = new TestBackend("b")) {
            b.immediateFailHeader = HealthCheckConfig.DEFAULT_IMMEDIATE_FAIL_HEADER;
            assertThat(prober.check(Prober.ProbeTarget.plain("127.0.0.1", b.port()), hc("http", null, null, null)))
                    .as("header present").isEqualTo(CheckOutcome.IMMEDIATE_FAIL);
        }
    }

    @Test
    void tcpCheckOnlyNeedsTheConnection() throws Exception {
        try (TestBackend b = new TestBackend("b")) {
            b.healthStatus.set(500);
            assertThat(prober.check(Prober.ProbeTarget.plain("127.0.0.1", b.port()), hc("tcp", null, null, null)))
                    .as("listening").isEqualTo(CheckOutcome.PASS);
        }
        int closed = InProcessGateway.closedPort();
        assertThat(prober.check(Prober.ProbeTarget.plain("127.0.0.1", closed), hc("tcp", null, null, null)))
                .as("refused").isEqualTo(CheckOutcome.FAIL);
        assertThat(prober.result(Prober.ProbeTarget.plain("127.0.0.1", closed), hc("tcp", null, null, null)).detail())
                .as("what the refused check saw").isEqualTo("refused");
    }

    @Test
    void aHangingEndpointFailsAtTheTimeout() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress())) {
            long t0 = System.nanoTime();
            CheckOutcome o = prober.check(Prober.ProbeTarget.plain("127.0.0.1", silent.getLocalPort()),
                    hc("http", null, null, null));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(o).as("accepts, never answers").isEqualTo(CheckOutcome.FAIL);
            assertThat(ms).as("ends at the 500ms timeout").isBetween(450L, 1500L);
            assertThat(prober.result(Prober.ProbeTarget.plain("127.0.0.1", silent.getLocalPort()),
                    hc("http", null, null, null)).detail()).as("what the hanging check saw").isEqualTo("timeout");
        }
    }
}
