package dev.gauntlet.gateway.it;

import static dev.gauntlet.gateway.it.InProcessGateway.admin;
import static dev.gauntlet.gateway.it.InProcessGateway.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gauntlet.gateway.Gateway;
import dev.gauntlet.gateway.health.EndpointState;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Weights, panic routing and slow start through the real data path. */
class BalancingIT {

    private static Map<String, Integer> served(Gateway gw, int n) throws Exception {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < n; i++) {
            m.merge(get(gw, "/x").headers().firstValue("x-backend-id").orElse("none"), 1, Integer::sum);
        }
        return m;
    }

    @Test
    void followsWeightsAndNeverUsesWeightZero() throws Exception {
        try (TestBackend a = new TestBackend("a"); TestBackend b = new TestBackend("b"); TestBackend c = new TestBackend("c");
             Gateway gw = InProcessGateway.start("""
                     clusters:
                       - name: api
                         loadBalancing: weighted_round_robin
                         endpoints:
                           - { name: a, address: "%s", weight: 3 }
                           - { name: b, address: "%s", weight: 1 }
                           - { name: c, address: "%s", weight: 0 }
                     """.formatted(a.address(), b.address(), c.address()))) {
            assertThat(served(gw, 40)).as("3:1, c never").containsEntry("a", 30).containsEntry("b", 10).doesNotContainKey("c");
        }
    }

    @Test
    void panicRoutesOverAllEndpointsWhenTooFewAreHealthy() throws Exception {
        try (TestBackend a = new TestBackend("a"); TestBackend b = new TestBackend("b"); TestBackend c = new TestBackend("c");
             Gateway gw = InProcessGateway.start("""
                     clusters:
                       - name: api
                         endpoints:
                           - { name: a, address: "%s" }
                           - { name: b, address: "%s" }
                           - { name: c, address: "%s" }
                         healthCheck: { interval: 100ms, unhealthyThreshold: 1 }
                     """.formatted(a.address(), b.address(), c.address()))) {
            a.healthStatus.set(500);
            b.healthStatus.set(500);
            await().atMost(Duration.ofSeconds(3)).until(() -> gw.clusters().get("api").panic());
            assertThat(served(gw, 30)).as("1 of 3 healthy < 50%: all three serve").containsOnlyKeys("a", "b", "c");
            assertThat(admin(gw, "GET", "/admin/clusters", null).body()).as("admin shows panic").contains("\"panic\":true");
        }
    }

    @Test
    void slowStartRampsARecoveredEndpoint() throws Exception {
        try (TestBackend a = new TestBackend("a"); TestBackend b = new TestBackend("b");
             Gateway gw = InProcessGateway.start("""
                     clusters:
                       - name: api
                         endpoints:
                           - { name: a, address: "%s" }
                           - { name: b, address: "%s" }
                         healthCheck: { interval: 100ms, unhealthyThreshold: 1, healthyThreshold: 1 }
                         slowStart: { window: 30s, minWeightPercent: 10 }
                     """.formatted(a.address(), b.address()))) {
            var ep = gw.clusters().get("api").endpoints().get(0);
            a.healthStatus.set(500);
            await().atMost(Duration.ofSeconds(3)).until(() -> ep.health().state() == EndpointState.UNHEALTHY);
            a.healthStatus.set(200);
            await().atMost(Duration.ofSeconds(3)).until(() -> ep.health().state() == EndpointState.HEALTHY);
            assertThat(admin(gw, "GET", "/admin/clusters", null).body()).as("flag while ramping").contains("slow_start");
            Map<String, Integer> m = served(gw, 44);
            assertThat(m.getOrDefault("a", 0)).as("a gets about its 10%% share, not half").isLessThan(10);
        }
    }
}
