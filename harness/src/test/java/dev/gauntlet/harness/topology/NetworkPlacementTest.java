package dev.gauntlet.harness.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.harness.scenario.Scenario;
import dev.gauntlet.harness.scenario.ScenarioInvalidException;
import dev.gauntlet.harness.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The containers runtime's plan: every part at a fixed address of the run's /24, written into the
 * gateway's config before anything starts, and the blast radius allowing those addresses and no others.
 */
class NetworkPlacementTest {

    private static final String SCENARIO = """
            name: net-plan
            runtime: containers
            gateway:
              config:
                healthCheck: { interval: 1s }
            backends:
              - { pool: web, replicas: 2 }
              - pool: api
                replicas: 2
                dns: { name: api.gauntlet.test, ttl: 5s }
            load: { rate: 10/s, duration: 10s }
            """;

    @TempDir
    Path dir;

    private Scenario scenario() throws IOException {
        Path file = Files.writeString(dir.resolve("net-plan.yaml"), SCENARIO);
        return new ScenarioLoader(dir, (s, r) -> { }, (m, e) -> { }).load(file.toString(), List.of());
    }

    @Test
    void placesBackendsProxiesAndTheGatewayAtFixedAddressesOfTheRunNetwork() throws IOException {
        Topology t = new TopologyPlanner().plan(scenario(), new NetworkPlacement("10.213.7"));

        assertThat(t.endpoints()).extracting(EndpointPlan::host).as("backend replica k at x.20+k over all pools")
                .containsExactly("10.213.7.20", "10.213.7.21", "10.213.7.22", "10.213.7.23");
        assertThat(t.endpoints()).extracting(EndpointPlan::proxyHost).as("static proxies on Toxiproxy x.2, DNS replicas x.100+k")
                .containsExactly("10.213.7.2", "10.213.7.2", "10.213.7.102", "10.213.7.103");
        assertThat(t.endpoints().stream().flatMap(e -> java.util.stream.Stream.of(e.backendPort(), e.controlPort())).distinct().count())
                .as("ports distinct within the run").isEqualTo(8);

        JsonNode config = t.gatewayConfig();
        assertThat(config.path("listen").path("host").asText()).isEqualTo("0.0.0.0");
        assertThat(config.path("listen").path("port").asInt()).isEqualTo(NetworkPlacement.GATEWAY_PORT);
        assertThat(config.path("admin").path("allowNonLoopback").asBoolean())
                .as("the admin API binds beyond loopback only by the explicit opt-in").isTrue();
        assertThat(config.path("dns").path("server").asText()).as("the scenario DNS server on the host's end of the bridge")
                .startsWith("10.213.7.1:");
        assertThat(config.path("clusters").get(0).path("endpoints").get(0).path("address").asText())
                .isEqualTo("10.213.7.2:" + t.endpoints().get(0).proxyPort());
    }

    @Test
    void theLocalPlanKeepsEverythingOnLoopbackAndTheAdminApiThere() throws IOException {
        Topology t = new TopologyPlanner().plan(scenario());

        assertThat(t.endpoints()).extracting(EndpointPlan::host).containsOnly("127.0.0.1");
        assertThat(t.gatewayConfig().path("admin").path("host").asText()).isEqualTo("127.0.0.1");
        assertThat(t.gatewayConfig().path("admin").has("allowNonLoopback")).isFalse();
    }

    @Test
    void blastRadiusAllowsTheRunsOwnContainersAndNothingElse() throws IOException {
        Scenario s = scenario();
        NetworkPlacement ours = new NetworkPlacement("10.213.7");
        Topology t = new TopologyPlanner().plan(s, ours);

        BlastRadius.check(s, t, false, ours); // its own addresses: fine

        assertThatThrownBy(() -> BlastRadius.check(s, t, false, new NetworkPlacement("10.213.8")))
                .as("another network's addresses are not ours").isInstanceOf(ScenarioInvalidException.class)
                .hasMessageContaining("10.213.7.20").hasMessageContaining("a loopback address");
        assertThatThrownBy(() -> BlastRadius.check(s, t, false))
                .as("nor are they loopback").isInstanceOf(ScenarioInvalidException.class);
    }

    @Test
    void refusesAReplicaBeyondItsAddressRange() {
        NetworkPlacement p = new NetworkPlacement("10.213.7");
        assertThat(p.backendHost(79)).isEqualTo("10.213.7.99");
        assertThatThrownBy(() -> p.backendHost(80)).hasMessageContaining("no address left on the run network 10.213.7.0/24");
        assertThat(p.dnsProxyHost(154)).isEqualTo("10.213.7.254");
        assertThatThrownBy(() -> p.dnsProxyHost(155)).hasMessageContaining("DNS replica 155");
        assertThatThrownBy(() -> new NetworkPlacement("10.213")).isInstanceOf(IllegalArgumentException.class);
    }
}
