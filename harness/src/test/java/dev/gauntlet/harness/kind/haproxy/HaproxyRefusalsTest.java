package dev.gauntlet.harness.kind.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.harness.kind.Refusal;
import java.util.List;
import org.junit.jupiter.api.Test;

class HaproxyRefusalsTest {

    private static List<Refusal> refusals(String yaml) throws Exception {
        JsonNode config = HaproxyConfigRendererTest.YAML.readTree(yaml);
        return new HaproxyKind().refusals(config);
    }

    @Test
    void aPlainActiveCheckConfigTranslatesWhole() throws Exception {
        assertThat(refusals("""
                loadBalancing: round_robin
                healthCheck: { type: http, path: /health, interval: 1s, jitter: 100ms, timeout: 500ms, unhealthyThreshold: 3, healthyThreshold: 2 }
                retry: { maxRetries: 1, retryOn: [connect_failure, reset] }
                outlierDetection: { enabled: false }
                panicThreshold: 0
                """)).as("nothing refused").isEmpty();
    }

    @Test
    void outlierDetectionWithTwoDifferentCountersIsRefusedNamingWhy() throws Exception {
        List<Refusal> no = refusals("outlierDetection: { consecutive5xx: 5, consecutiveGatewayFailure: 3 }");
        assertThat(no).as("one refusal").hasSize(1);
        assertThat(no.get(0).path()).as("path").isEqualTo("outlierDetection");
        assertThat(no.get(0).expected()).as("why").contains("one counter");
        assertThat(refusals("outlierDetection: { enabled: true, consecutive5xx: 5, baseEjectionTime: 30s }"))
                .as("one counter translates (observe layer7)").isEmpty();
    }

    @Test
    void settingsHaproxyDoesNotHaveAreRefusedEachOnItsOwn() throws Exception {
        List<Refusal> no = refusals("""
                healthCheck: { immediateFailHeader: x-down }
                retry: { backoffBase: 10ms, budgetPercent: 10, perTryTimeout: 1s }
                panicThreshold: 50
                circuitBreakers: { maxRequests: 10 }
                dnsEndpoints: { hostname: api.test, port: 80 }
                """);
        assertThat(no).extracting(Refusal::path).as("each refused by path; panic and perTryTimeout are not").containsExactlyInAnyOrder(
                "healthCheck.immediateFailHeader", "retry.backoffBase", "retry.budgetPercent", "circuitBreakers", "dnsEndpoints");
    }

    @Test
    void jitterBeyondHalfTheIntervalEachWayIsRefused() throws Exception {
        assertThat(refusals("healthCheck: { interval: 1s, jitter: 1500ms }")).extracting(Refusal::path)
                .as("spread-checks stops at 50%").containsExactly("healthCheck.jitter");
    }
}
