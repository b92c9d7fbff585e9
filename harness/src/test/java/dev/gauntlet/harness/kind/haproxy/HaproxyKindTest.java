package dev.gauntlet.harness.kind.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.harness.kind.GatewayKinds;
import dev.gauntlet.harness.kind.GatewayLaunch;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HaproxyKindTest {

    private static GatewayLaunch launch(Path runDir) throws Exception {
        return new GatewayLaunch("r", runDir, HaproxyConfigRendererTest.oneOfThree(), "127.0.0.1", 41000, 41001, "api", s -> s);
    }

    @Test
    void theKindIsRegisteredByName() {
        assertThat(GatewayKinds.byName("haproxy")).as("registered").isInstanceOf(HaproxyKind.class);
    }

    @Test
    void theStatsSocketStaysWithinHaproxysPathLimit() throws Exception {
        Path shortDir = Path.of("/work/runs/r1");
        assertThat(HaproxyKind.statsSocket(launch(shortDir))).as("in the run directory").isEqualTo(shortDir.resolve("haproxy.sock"));
        Path longDir = Path.of("/work/wt/kind-haproxy/runs/gates/20261204-164816-ci/runs/20261204-164909-backend-hang");
        Path socket = HaproxyKind.statsSocket(launch(longDir));
        assertThat(socket.toString().length()).as("HAProxy 2.6: 'too long (max 97)'").isLessThanOrEqualTo(97);
        assertThat(socket.getFileName().toString()).as("named after the run directory").startsWith("gauntlet-haproxy-");
    }

    @Test
    void renderingNamesTheRunsSockets() throws Exception {
        String cfg = new HaproxyKind().render(launch(Path.of("/work/runs/r1"))).files().get("haproxy.cfg");
        assertThat(cfg).as("stats socket in the run dir").contains("stats socket /work/runs/r1/haproxy.sock");
        assertThat(cfg).as("CA file in the run dir").doesNotContain("ca-file"); // no TLS in this config
    }
}
