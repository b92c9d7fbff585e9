package dev.gauntlet.harness.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.harness.scenario.Scenario;
import dev.gauntlet.harness.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway.config keys that are not cluster settings (routes, weights by replica) and the open-files limit. */
class TopologyPlannerOverridesTest {

    private static final String BASE = """
            name: overrides
            gateway:
              openFilesLimit: 300
              config:
                healthCheck: { interval: 1s }
            %s
            backends:
              - { pool: api, replicas: 3 }
            load: { rate: 10/s, duration: 10s }
            """;

    @TempDir
    Path dir;

    private Topology plan(String extraConfig) throws IOException {
        Path file = Files.writeString(dir.resolve("p.yaml"), BASE.formatted(extraConfig));
        Scenario scenario = new ScenarioLoader(dir, (s, r) -> { }, (m, e) -> { }).load(file.toString(), List.of());
        return new TopologyPlanner().plan(scenario);
    }

    private static List<Integer> weights(Topology t) {
        List<Integer> out = new ArrayList<>();
        t.gatewayConfig().path("clusters").get(0).path("endpoints").forEach(e -> out.add(e.path("weight").asInt()));
        return out;
    }

    @Test
    void routesEverythingToTheFirstPoolByDefault() throws IOException {
        Topology t = plan("");

        JsonNode routes = t.gatewayConfig().path("routes");
        assertThat(routes).as("one catch-all route").hasSize(1);
        assertThat(routes.get(0).path("cluster").asText()).as("to the first pool").isEqualTo("api");
        assertThat(weights(t)).as("every weight 1").containsExactly(1, 1, 1);
    }

    @Test
    void takesTheScenariosRouteTableToTheTopLevel() throws IOException {
        Topology t = plan("    routes: [ { host: \"*\", pathPrefix: /v2/, cluster: api } ]");

        JsonNode routes = t.gatewayConfig().path("routes");
        assertThat(routes).as("the scenario's routes replace the default").hasSize(1);
        assertThat(routes.get(0).path("pathPrefix").asText()).as("its prefix").isEqualTo("/v2/");
        assertThat(t.gatewayConfig().path("clusters").get(0).has("routes")).as("not a cluster key").isFalse();
    }

    @Test
    void setsWeightsByReplicaIndexKeepingNamesAndAddresses() throws IOException {
        Topology t = plan("    weights: [ 0, 5 ]");

        assertThat(weights(t)).as("listed replicas get their weight, the rest 1").containsExactly(0, 5, 1);
        assertThat(t.gatewayConfig().path("clusters").get(0).has("weights")).as("not a cluster key").isFalse();
        JsonNode first = t.gatewayConfig().path("clusters").get(0).path("endpoints").get(0);
        assertThat(first.path("name").asText()).as("the replica's id, so truth and view meet").isEqualTo("api-0");
        assertThat(first.path("address").asText()).as("its proxy").isEqualTo(t.endpoint("api-0").orElseThrow().proxyAddress());
    }

    @Test
    void carriesTheGatewaysOpenFilesLimit() throws IOException {
        assertThat(plan("").gatewayOpenFilesLimit()).as("from gateway.openFilesLimit").isEqualTo(300);
    }
}
