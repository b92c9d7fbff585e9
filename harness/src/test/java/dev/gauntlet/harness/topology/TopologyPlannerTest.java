package dev.gauntlet.harness.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.harness.scenario.Scenario;
import dev.gauntlet.harness.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway config and addresses planned for a pool found through DNS, next to a static pool. */
class TopologyPlannerTest {

    private static final String SCENARIO = """
            name: dns-plan
            gateway:
              config:
                healthCheck: { interval: 1s }
                dns: { ttlFloor: 2s, errorRetry: 500ms }
            backends:
              - { pool: web, replicas: 1 }
              - pool: api
                replicas: 3
                dns: { name: api.gauntlet.test, ttl: 7s, records: [0, 2] }
            load: { rate: 10/s, duration: 10s }
            """;

    @TempDir
    Path dir;

    private Topology plan() throws IOException {
        Path file = Files.writeString(dir.resolve("plan.yaml"), SCENARIO);
        Scenario scenario = new ScenarioLoader(dir, (s, r) -> { }, (m, e) -> { }).load(file.toString(), List.of());
        return new TopologyPlanner().plan(scenario);
    }

    private static JsonNode cluster(Topology t, String name) {
        for (JsonNode c : t.gatewayConfig().path("clusters")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no cluster " + name);
    }

    @Test
    void givesEachDnsReplicaItsOwnLoopbackAddressOnOneSharedProxyPort() throws IOException {
        Topology t = plan();
        List<EndpointPlan> api = t.endpoints().stream().filter(e -> e.pool().equals("api")).toList();

        assertThat(api).as("127.0.0.(10 + index over the whole topology): web-0 is index 0")
                .extracting(EndpointPlan::proxyHost).containsExactly("127.0.0.11", "127.0.0.12", "127.0.0.13");
        assertThat(api).as("one proxy port for the pool: dnsEndpoints has one port")
                .extracting(EndpointPlan::proxyPort).containsOnly(api.get(0).proxyPort());
        assertThat(api).as("backends stay on 127.0.0.1, each on its own port")
                .extracting(EndpointPlan::host).containsOnly("127.0.0.1");
        assertThat(t.endpoint("web", 0).orElseThrow().proxyHost()).as("a static pool's proxy").isEqualTo("127.0.0.1");
    }

    @Test
    void pointsTheDnsClusterAtItsNameAndTheGatewayAtTheScenarioDnsServer() throws IOException {
        Topology t = plan();
        JsonNode api = cluster(t, "api");
        int port = t.endpoint("api", 0).orElseThrow().proxyPort();

        assertThat(api.has("endpoints")).as("no static list for a DNS pool").isFalse();
        assertThat(api.path("dnsEndpoints").toString()).as("dnsEndpoints")
                .isEqualTo("{\"hostname\":\"api.gauntlet.test\",\"port\":" + port + ",\"weight\":1}");
        assertThat(api.path("healthCheck").path("interval").asText()).as("scenario cluster settings still apply")
                .isEqualTo("1s");
        assertThat(api.has("dns")).as("resolver settings are not a cluster key").isFalse();
        JsonNode dns = t.gatewayConfig().path("dns");
        assertThat(dns.path("server").asText()).as("resolver: the scenario DNS server")
                .isEqualTo("127.0.0.1:" + t.dnsPort());
        assertThat(dns.path("ttlFloor").asText()).as("gateway.config.dns moved to the top level").isEqualTo("2s");
        assertThat(dns.path("errorRetry").asText()).as("gateway.config.dns moved to the top level").isEqualTo("500ms");
        assertThat(cluster(t, "web").path("endpoints").get(0).path("name").asText()).as("static pool unchanged")
                .isEqualTo("web-0");
    }

    @Test
    void plansTheZoneTheDnsServerStartsWith() throws IOException {
        Topology t = plan();
        DnsZonePlan zone = t.dnsZone("api").orElseThrow();

        assertThat(t.dnsPort()).as("a DNS server port is planned").isPositive();
        assertThat(zone.hostname()).as("name").isEqualTo("api.gauntlet.test");
        assertThat(zone.ttl().toSeconds()).as("ttl").isEqualTo(7);
        assertThat(zone.initialAddresses()).as("records [0, 2]").containsExactly("127.0.0.11", "127.0.0.13");
        assertThat(t.initialViewSize()).as("the gateway starts with web-0 and two of api's replicas").isEqualTo(3);
    }

    @Test
    void mapsTheGatewaysIpPortNamesToReplicaIds() throws IOException {
        Topology t = plan();
        EndpointPlan api1 = t.endpoint("api", 1).orElseThrow();

        assertThat(t.endpointIdFor(api1.proxyHost() + ":" + api1.proxyPort())).as("a DNS endpoint's ip:port")
                .isEqualTo("api-1");
        assertThat(t.endpointIdFor("web-0")).as("a static endpoint's name is already its id").isEqualTo("web-0");
    }
}
