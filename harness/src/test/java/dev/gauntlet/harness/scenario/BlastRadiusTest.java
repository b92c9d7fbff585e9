package dev.gauntlet.harness.scenario;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gauntlet.harness.topology.BlastRadius;
import dev.gauntlet.harness.topology.TopologyPlanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlastRadiusTest {

    @TempDir
    Path dir;

    private Scenario load(String gatewayConfig) throws Exception {
        Path file = Files.writeString(dir.resolve("s.yaml"), """
                name: s
                gateway: { config: %s }
                backends: [ { pool: api, replicas: 1 } ]
                load: { rate: 1/s, duration: 5s }
                """.formatted(gatewayConfig));
        return new ScenarioLoader(dir, (s, r) -> { }, (m, e) -> { }).load(file.toString(), List.of());
    }

    @Test
    void refusesNonLoopbackHostsUnlessAllowed() {
        assertThatThrownBy(() -> BlastRadius.requireLoopback("s.yaml", "load.url", "10.1.2.3"))
                .hasMessage("s.yaml: load.url: 10.1.2.3 (expected: a loopback address (127.0.0.0/8 or ::1); "
                        + "pass --allow-remote to send load or faults elsewhere)");
        assertThatCode(() -> BlastRadius.requireLoopback("s.yaml", "x", "127.0.0.12")).doesNotThrowAnyException();
        assertThatCode(() -> BlastRadius.requireLoopback("s.yaml", "x", "::1")).doesNotThrowAnyException();
    }

    @Test
    void aScenarioCannotAimTheGatewayAtItsOwnEndpoints() throws Exception {
        Scenario s = load("{ endpoints: [ { address: \"192.168.1.5:80\" } ] }");
        assertThatThrownBy(() -> BlastRadius.check(s, new TopologyPlanner().plan(s), false))
                .hasMessageStartingWith("s.yaml: gateway.config.endpoints: [{\"address\":\"192.168.1.5:80\"}] (expected: no endpoints");
    }

    @Test
    void theTopologysOwnLoopbackEndpointsPass() throws Exception {
        Scenario s = load("{ healthCheck: { interval: 1s } }");
        assertThatCode(() -> BlastRadius.check(s, new TopologyPlanner().plan(s), false)).doesNotThrowAnyException();
    }
}
