package dev.gauntlet.harness.kind.envoy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gauntlet.harness.kind.Refusal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The neutral config of one-of-three-crashes and friends, rendered into Envoy's bootstrap and read back. */
class EnvoyBootstrapTest {

    private static final ObjectMapper YAML = new YAMLMapper();

    static ObjectNode neutral(String clusterYaml) throws Exception {
        ObjectNode root = (ObjectNode) YAML.readTree("""
                listen: { host: 127.0.0.1, port: 0 }
                admin: { host: 127.0.0.1, port: 0 }
                routes: [ { host: "*", pathPrefix: /, cluster: api } ]
                clusters:
                  - name: api
                    endpoints:
                      - { name: api-0, address: "127.0.0.1:21001", weight: 1 }
                      - { name: api-1, address: "127.0.0.1:21002", weight: 1 }
                      - { name: api-2, address: "127.0.0.1:21003", weight: 1 }
                """);
        ((ObjectNode) root.path("clusters").get(0)).setAll((ObjectNode) YAML.readTree(clusterYaml));
        return root;
    }

    private static JsonNode cluster(ObjectNode bootstrap) {
        return bootstrap.path("static_resources").path("clusters").get(0);
    }

    @Test
    void healthCheckSettingsBecomeEnvoysWithTheNoTrafficAndEdgeIntervalsRestatingOurs() throws Exception {
        ObjectNode b = EnvoyBootstrap.render(neutral("""
                healthCheck: { path: /health, interval: 1s, unhealthyInterval: 2s, jitter: 100ms, timeout: 500ms,
                               unhealthyThreshold: 3, healthyThreshold: 2 }
                """), "127.0.0.1", 41000, 41001, Path.of("/run"));
        JsonNode hc = cluster(b).path("health_checks").get(0);
        assertThat(hc.path("interval").asText()).isEqualTo("1s");
        assertThat(hc.path("no_traffic_interval").asText()).as("not Envoy's 60 s default").isEqualTo("1s");
        assertThat(hc.path("unhealthy_interval").asText()).isEqualTo("2s");
        assertThat(hc.path("unhealthy_edge_interval").asText()).as("failing while healthy: interval").isEqualTo("1s");
        assertThat(hc.path("healthy_edge_interval").asText()).as("passing while unhealthy: unhealthyInterval").isEqualTo("2s");
        assertThat(hc.path("interval_jitter").asText()).isEqualTo("0.100s");
        assertThat(hc.path("initial_jitter").asText()).as("ours jitters the first wait too").isEqualTo("0.100s");
        assertThat(hc.path("timeout").asText()).isEqualTo("0.500s");
        assertThat(hc.path("http_health_check").path("expected_statuses").get(0).toString())
                .isEqualTo("{\"start\":200,\"end\":201}");
        assertThat(hc.path("event_logger").get(0).path("typed_config").path("event_log_path").asText())
                .isEqualTo("/run/" + EnvoyBootstrap.HC_EVENTS);
        assertThat(b.at("/admin/address/socket_address/address").asText()).as("admin on loopback").isEqualTo("127.0.0.1");
        assertThat(cluster(b).at("/common_lb_config/update_merge_window").asText()).isEqualTo("0s");
    }

    @Test
    void retryOutlierPanicAndFlagsHeaderAreTranslated() throws Exception {
        ObjectNode b = EnvoyBootstrap.render(neutral("""
                retry: { maxRetries: 2, retryOn: [connect_failure, gateway_error], perTryTimeout: 250ms }
                outlierDetection: { consecutive5xx: 0, consecutiveGatewayFailure: 3, baseEjectionTime: 10s }
                panicThreshold: 0
                """), "127.0.0.1", 41000, 41001, Path.of("/run"));
        JsonNode hcm = b.at("/static_resources/listeners/0/filter_chains/0/filters/0/typed_config");
        JsonNode route = hcm.at("/route_config/virtual_hosts/0/routes/0/route");
        assertThat(route.at("/retry_policy/retry_on").asText()).isEqualTo("connect-failure,gateway-error");
        assertThat(route.at("/retry_policy/num_retries").asInt()).isEqualTo(2);
        assertThat(route.at("/retry_policy/per_try_timeout").asText()).isEqualTo("0.250s");
        assertThat(route.at("/timeout").asText()).as("upstreamTimeout default").isEqualTo("15s");
        JsonNode od = cluster(b).path("outlier_detection");
        assertThat(od.path("enforcing_consecutive_5xx").asInt()).as("0 disables the counter").isZero();
        assertThat(od.path("enforcing_consecutive_gateway_failure").asInt()).as("Envoy's default is 0 %").isEqualTo(100);
        assertThat(od.path("consecutive_gateway_failure").asInt()).isEqualTo(3);
        assertThat(od.path("enforcing_success_rate").asInt()).isZero();
        assertThat(cluster(b).at("/common_lb_config/healthy_panic_threshold/value").asInt()).isZero();
        assertThat(hcm.at("/route_config/response_headers_to_add/0/header/value").asText()).isEqualTo("%RESPONSE_FLAGS%");
        assertThat(hcm.at("/local_reply_config/mappers/0/headers_to_add/0/header/key").asText())
                .as("on Envoy's own 503 UH and 404 NR too").isEqualTo("x-gauntlet-flags");
    }

    @Test
    void eachHostPatternGetsEveryRouteThatCoversItInOrder() throws Exception {
        List<JsonNode> routes = List.of(
                YAML.readTree("{host: api.example.com, pathPrefix: /v2, cluster: b}"),
                YAML.readTree("{host: '*', pathPrefix: /, cluster: a}"));
        Map<String, List<JsonNode>> vhosts = EnvoyBootstrap.virtualHosts(routes);
        assertThat(vhosts.get("api.example.com")).as("its own route, then the catch-all after it").hasSize(2);
        assertThat(vhosts.get("*")).hasSize(1);
        assertThat(EnvoyBootstrap.covers("*.example.com", "api.example.com")).isTrue();
        assertThat(EnvoyBootstrap.covers("*.example.com", "example.com")).isFalse();
    }

    @Test
    void settingsEnvoyCannotHonourAreRefusedNeverDropped() throws Exception {
        List<Refusal> none = EnvoyRefusals.of(neutral("""
                loadBalancing: round_robin
                healthCheck: { type: http, path: /health, interval: 1s, jitter: 100ms }
                retry: { maxRetries: 1, retryOn: [connect_failure, reset] }
                """));
        assertThat(none).as("one-of-three-crashes translates whole").isEmpty();
        List<Refusal> refused = EnvoyRefusals.of(neutral("""
                healthCheck: { immediateFailHeader: x-gauntlet-immediate-health-check-fail, bogus: 1 }
                dnsEndpoints: { hostname: api.test, port: 8080 }
                tls: { enabled: true }
                circuitBreakers: { maxRetries: 3 }
                retry: { budgetPercent: 20 }
                """));
        assertThat(refused).extracting(Refusal::path).as("each one named by its path").containsExactlyInAnyOrder(
                "healthCheck.immediateFailHeader", "healthCheck.bogus", "dnsEndpoints", "circuitBreakers.maxRetries");
        assertThat(EnvoyRefusals.unrendered(neutral("dnsEndpoints: { hostname: api.test, port: 8080 }"), true))
                .as("a DNS pool shows only in the topology: refused before Envoy runs").hasSize(1);
    }

    @Test
    void theEffectiveConfigReadBackFromTheBootstrapIsTheNeutralOneWithEnvoysExtras() throws Exception {
        ObjectNode b = EnvoyBootstrap.render(neutral("""
                healthCheck: { interval: 500ms, jitter: 50ms, timeout: 300ms, unhealthyThreshold: 2, healthyThreshold: 2 }
                """), "127.0.0.1", 41000, 41001, Path.of("/run"));
        JsonNode yamlRoundTrip = YAML.readTree(YAML.writeValueAsString(b));
        JsonNode c = EnvoyEffectiveConfig.fromClusters(yamlRoundTrip.at("/static_resources/clusters")).path("clusters").get(0);
        assertThat(c.at("/healthCheck/interval").asText()).isEqualTo("500ms");
        assertThat(c.at("/healthCheck/jitter").asText()).isEqualTo("50ms");
        assertThat(c.at("/healthCheck/timeout").asText()).isEqualTo("300ms");
        assertThat(c.at("/healthCheck/unhealthyThreshold").asInt()).isEqualTo(2);
        assertThat(c.at("/envoy/immediateFailOnStatus").asBoolean()).isTrue();
        assertThat(c.at("/outlierDetection/consecutiveGatewayFailure").asInt()).isEqualTo(5);
        assertThat(c.at("/envoy/outlierInterval").asText()).isEqualTo("10000ms");
        assertThat(c.at("/panicThreshold").asInt()).isEqualTo(50);
    }
}
