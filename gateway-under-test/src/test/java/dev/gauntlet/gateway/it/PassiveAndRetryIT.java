package dev.gauntlet.gateway.it;

import static dev.gauntlet.gateway.it.InProcessGateway.admin;
import static dev.gauntlet.gateway.it.InProcessGateway.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gauntlet.gateway.Gateway;
import dev.gauntlet.gateway.health.EndpointState;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Outlier ejection, the full retry policy and circuit breakers against real backends. */
class PassiveAndRetryIT {

    private static String twoEndpoints(TestBackend a, TestBackend b, String extra) {
        return """
                clusters:
                  - name: api
                    endpoints:
                      - { name: a, address: "%s" }
                      - { name: b, address: "%s" }
                    healthCheck: { enabled: false }
                %s""".formatted(a.address(), b.address(), extra);
    }

    @Test
    void ejectsAnEndpointAfterConsecutive5xxAndStopsSendingItTraffic() throws Exception {
        try (TestBackend a = new TestBackend("a"); TestBackend b = new TestBackend("b");
             Gateway gw = InProcessGateway.start(twoEndpoints(a, b,
                     "    outlierDetection: { consecutive5xx: 3, baseEjectionTime: 30s }\n"))) {
            a.dataStatus.set(500);
            for (int i = 0; i < 6; i++) {
                get(gw, "/x");
            }
            assertThat(gw.clusters().get("api").endpoints().get(0).health().state()).as("a after three 500s")
                    .isEqualTo(EndpointState.EJECTED);
            long before = a.requests.get();
            for (int i = 0; i < 6; i++) {
                assertThat(get(gw, "/x").headers().firstValue("x-backend-id")).as("served while a is ejected").contains("b");
            }
            assertThat(a.requests.get()).as("no traffic to the ejected endpoint").isEqualTo(before);
            String view = admin(gw, "GET", "/admin/clusters", null).body();
            assertThat(view).as("admin view").contains("\"state\":\"ejected\"").contains("failed_outlier_check");
        }
    }

    @Test
    void retriesA5xxOnAnotherEndpointWhenConfigured() throws Exception {
        try (TestBackend a = new TestBackend("a"); TestBackend b = new TestBackend("b");
             Gateway gw = InProcessGateway.start(twoEndpoints(a, b,
                     "    retry: { maxRetries: 1, retryOn: [5xx], backoffBase: 1ms, backoffMax: 2ms }\n"
                             + "    outlierDetection: { enabled: false }\n"))) {
            a.dataStatus.set(503);
            for (int i = 0; i < 4; i++) {
                HttpResponse<String> r = get(gw, "/x");
                assertThat(r.statusCode()).as("request %d", i).isEqualTo(200);
            }
            b.dataStatus.set(500);
            HttpResponse<String> r = get(gw, "/x");
            assertThat(r.statusCode()).as("both fail: last answer passed on").isIn(500, 503);
            assertThat(r.headers().firstValue("x-gauntlet-flags")).as("retries exhausted").contains("URX");
        }
    }

    @Test
    void perTryTimeoutMovesOnToAFasterEndpoint() throws Exception {
        try (TestBackend a = new TestBackend("a"); TestBackend b = new TestBackend("b");
             Gateway gw = InProcessGateway.start(twoEndpoints(a, b,
                     "    retry: { maxRetries: 1, retryOn: [reset], perTryTimeout: 200ms }\n"
                             + "    outlierDetection: { enabled: false }\n"))) {
            a.dataDelayMillis.set(3000);
            for (int i = 0; i < 2; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> r = get(gw, "/x");
                assertThat(r.statusCode()).as("status").isEqualTo(200);
                assertThat(r.headers().firstValue("x-backend-id")).as("served by").contains("b");
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("well before a's 3s").isLessThan(Duration.ofSeconds(2));
            }
        }
    }

    @Test
    void answersUtWhenTheUpstreamTimeoutPasses() throws Exception {
        try (TestBackend a = new TestBackend("a"); TestBackend b = new TestBackend("b");
             Gateway gw = InProcessGateway.start(twoEndpoints(a, b, "    upstreamTimeout: 300ms\n"))) {
            a.dataDelayMillis.set(3000);
            b.dataDelayMillis.set(3000);
            HttpResponse<String> r = get(gw, "/x");
            assertThat(r.statusCode()).as("status").isEqualTo(504);
            assertThat(r.headers().firstValue("x-gauntlet-flags")).as("flag").contains("UT");
        }
    }

    @Test
    void overflowsWithUoWhenMaxRequestsIsReached() throws Exception {
        try (TestBackend a = new TestBackend("a"); TestBackend b = new TestBackend("b");
             Gateway gw = InProcessGateway.start(twoEndpoints(a, b, "    circuitBreakers: { maxRequests: 2 }\n"))) {
            a.dataDelayMillis.set(800);
            b.dataDelayMillis.set(800);
            List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                all.add(InProcessGateway.HTTP.sendAsync(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + gw.port() + "/x")).build(), HttpResponse.BodyHandlers.ofString()));
            }
            long uo = 0;
            long ok = 0;
            for (CompletableFuture<HttpResponse<String>> f : all) {
                HttpResponse<String> r = f.get();
                if (r.statusCode() == 503 && r.headers().firstValue("x-gauntlet-flags").orElse("").equals("UO")) {
                    uo++;
                } else if (r.statusCode() == 200) {
                    ok++;
                }
            }
            assertThat(ok).as("at most two in flight").isEqualTo(2);
            assertThat(uo).as("the rest overflow").isEqualTo(3);
        }
    }

    @Test
    void overflowsWithUoWhenMaxConnectionsIsReached() throws Exception {
        try (TestBackend a = new TestBackend("a"); TestBackend b = new TestBackend("b");
             Gateway gw = InProcessGateway.start(twoEndpoints(a, b, "    circuitBreakers: { maxConnections: 1 }\n"))) {
            a.dataDelayMillis.set(800);
            b.dataDelayMillis.set(800);
            List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                all.add(InProcessGateway.HTTP.sendAsync(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + gw.port() + "/x")).build(), HttpResponse.BodyHandlers.ofString()));
            }
            List<String> outcomes = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> f : all) {
                HttpResponse<String> r = f.get();
                outcomes.add(r.statusCode() + r.headers().firstValue("x-gauntlet-flags").map(x -> " " + x).orElse(""));
            }
            assertThat(outcomes).as("one connection for the cluster: one served, the rest overflow")
                    .containsExactlyInAnyOrder("200", "503 UO", "503 UO");
        }
    }

    @Test
    void activeCheckRecoversAnEndpointAfterItIsFixed() throws Exception {
        try (TestBackend a = new TestBackend("a"); TestBackend b = new TestBackend("b");
             Gateway gw = InProcessGateway.start("""
                     clusters:
                       - name: api
                         endpoints:
                           - { name: a, address: "%s" }
                           - { name: b, address: "%s" }
                         healthCheck: { interval: 100ms, unhealthyThreshold: 2, healthyThreshold: 2 }
                     """.formatted(a.address(), b.address()))) {
            a.healthStatus.set(500);
            await().atMost(Duration.ofSeconds(3)).until(() ->
                    gw.clusters().get("api").endpoints().get(0).health().state() == EndpointState.UNHEALTHY);
            a.healthStatus.set(200);
            await().atMost(Duration.ofSeconds(3)).until(() ->
                    gw.clusters().get("api").endpoints().get(0).health().state() == EndpointState.HEALTHY);
        }
    }
}
