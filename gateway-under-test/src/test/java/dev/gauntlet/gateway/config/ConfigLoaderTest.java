package dev.gauntlet.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
    private static final String MINIMAL = """
            clusters:
              - name: api
                endpoints:
                  - { name: api-0, address: "127.0.0.1:21001" }
            """;

    @Test
    void fillsEveryDefaultFromAMinimalConfig() {
        GatewayConfig c = ConfigLoader.parseYaml(MINIMAL);
        ClusterConfig api = c.clusters().get(0);
        assertThat(c.listen()).as("listen").isEqualTo(new ListenConfig("127.0.0.1", 0));
        assertThat(c.routes()).as("single cluster gets a catch-all route")
                .containsExactly(new RouteConfig("*", "/", "api"));
        assertThat(api.healthCheck().interval()).as("interval").isEqualTo(Duration.ofSeconds(1));
        assertThat(api.healthCheck().unhealthyInterval()).as("unhealthyInterval defaults to interval")
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(api.healthCheck().timeout()).as("timeout").isEqualTo(Duration.ofMillis(500));
        assertThat(api.healthCheck().unhealthyThreshold()).as("unhealthyThreshold").isEqualTo(3);
        assertThat(api.healthCheck().healthyThreshold()).as("healthyThreshold").isEqualTo(2);
        assertThat(api.retry().maxRetries()).as("maxRetries").isEqualTo(1);
        assertThat(api.retry().retryOn()).as("retryOn").containsExactlyInAnyOrder(RetryOn.CONNECT_FAILURE, RetryOn.RESET);
        assertThat(api.upstreamTimeout()).as("upstreamTimeout").isEqualTo(Duration.ofSeconds(15));
        assertThat(api.outlierDetection().maxEjectionPercent()).as("maxEjectionPercent").isEqualTo(50);
        assertThat(api.panicThreshold()).as("panicThreshold").isEqualTo(50);
        assertThat(api.endpoints().get(0).weight()).as("weight").isEqualTo(1);
    }

    @Test
    void parsesDurationsInEveryUnit() {
        assertThat(Durations.parse("250ms", "x")).as("ms").isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("1.5s", "x")).as("fractional s").isEqualTo(Duration.ofMillis(1500));
        assertThat(Durations.parse("2m", "x")).as("m").isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.format(Duration.ofMillis(1500))).as("output in ms").isEqualTo("1500ms");
    }

    @Test
    void reportsARuleBreakWithTheFullPath() {
        assertThatThrownBy(() -> ConfigLoader.parseYaml(MINIMAL + "    healthCheck: { timeout: 0ms }\n"))
                .as("zero timeout").hasMessage("clusters[0].healthCheck.timeout: 0ms (expected: > 0ms)");
    }

    @Test
    void reportsABadDuration() {
        assertThatThrownBy(() -> ConfigLoader.parseYaml(MINIMAL + "    upstreamTimeout: soon\n"))
                .as("bad duration").hasMessage("clusters[0].upstreamTimeout: soon (expected: a duration like 250ms, 1s, 1.5s, 2m)");
    }

    @Test
    void reportsAnUnknownKeyWithItsPath() {
        assertThatThrownBy(() -> ConfigLoader.parseYaml(MINIMAL + "    retry: { maxRetriez: 2 }\n"))
                .as("typo").hasMessageStartingWith("clusters[0].retry.maxRetriez: maxRetriez (expected: a known key:");
    }

    @Test
    void reportsARouteToAMissingCluster() {
        assertThatThrownBy(() -> ConfigLoader.parseYaml("routes: [{ cluster: nope }]\n" + MINIMAL))
                .as("dangling route").hasMessage("routes[0].cluster: nope (expected: one of the cluster names [api])");
    }

    @Test
    void reportsAnUnknownRetryCondition() {
        assertThatThrownBy(() -> ConfigLoader.parseYaml(MINIMAL + "    retry: { retryOn: [connect_failure, 4xx] }\n"))
                .as("bad retryOn").hasMessage(
                        "clusters[0].retry.retryOn[1]: 4xx (expected: connect_failure | reset | 5xx | gateway_error)");
    }

    @Test
    void refusesANonLoopbackAdminHost() {
        assertThatThrownBy(() -> ConfigLoader.parseYaml("admin: { host: 0.0.0.0 }\n" + MINIMAL))
                .as("admin on all interfaces").hasMessage(
                        "admin.host: 0.0.0.0 (expected: a loopback address (127.0.0.1, ::1, localhost))");
    }

    @Test
    void refusesANonLoopbackAdminHostUnlessAllowNonLoopbackIsTrue() {
        String error = "admin.host: 0.0.0.0 (expected: a loopback address (127.0.0.1, ::1, localhost))";
        assertThatThrownBy(() -> ConfigLoader.parseYaml("admin: { host: 0.0.0.0, allowNonLoopback: false }\n" + MINIMAL))
                .as("explicit false: the same one-line error").hasMessage(error);
        assertThat(ConfigLoader.parseYaml(MINIMAL).admin().allowNonLoopback()).as("default").isFalse();
        GatewayConfig c = ConfigLoader.parseYaml("admin: { host: 0.0.0.0, port: 9901, allowNonLoopback: true }\n" + MINIMAL);
        assertThat(c.admin()).as("opted in").isEqualTo(new AdminConfig("0.0.0.0", 9901, null, true));
        assertThat(ConfigJson.toJson(c).at("/admin/allowNonLoopback").asBoolean()).as("in /admin/config").isTrue();
        assertThat(ConfigLoader.fromTree(ConfigJson.toJson(c))).as("round trip keeps the opt-in").isEqualTo(c);
        assertThat(ConfigJson.toJson(ConfigLoader.parseYaml(MINIMAL)).at("/admin/allowNonLoopback").isBoolean())
                .as("default shown as false").isTrue();
        assertThatThrownBy(() -> ConfigLoader.parseYaml("admin: { allowNonLoopbak: true }\n" + MINIMAL))
                .as("typo lists the new key").hasMessageStartingWith("admin.allowNonLoopbak: allowNonLoopbak (expected: a known key:")
                .hasMessageContaining("allowNonLoopback");
        assertThatThrownBy(() -> ConfigLoader.parseYaml("admin: { allowNonLoopback: sure }\n" + MINIMAL))
                .as("not a boolean").hasMessageStartingWith("admin.allowNonLoopback: sure (expected:");
    }

    @Test
    void effectiveConfigRoundTripsThroughJson() {
        GatewayConfig c = ConfigLoader.parseYaml(MINIMAL + "    healthCheck: { interval: 1.5s, jitter: 100ms }\n");
        JsonNode json = ConfigJson.toJson(c);
        assertThat(json.at("/clusters/0/healthCheck/interval").asText()).as("durations as ms").isEqualTo("1500ms");
        assertThat(ConfigLoader.fromTree(json)).as("same config back").isEqualTo(c);
    }

    @Test
    void mergesAPatchIntoTheNamedCluster() throws Exception {
        GatewayConfig c = ConfigLoader.parseYaml(MINIMAL);
        JsonNode patch = ConfigLoader.json().readTree("{\"clusters\":[{\"name\":\"api\",\"healthCheck\":{\"interval\":\"250ms\"}}]}");
        GatewayConfig next = ConfigLoader.fromTree(ConfigJson.merge(ConfigJson.toJson(c), patch));
        assertThat(next.clusters().get(0).healthCheck().interval()).as("patched").isEqualTo(Duration.ofMillis(250));
        assertThat(next.clusters().get(0).endpoints()).as("untouched").isEqualTo(c.clusters().get(0).endpoints());
    }
}
