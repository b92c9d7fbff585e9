package dev.gauntlet.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spine gateway as a real process in front of two real backends. */
class SpineGatewayIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    @TempDir
    Path dir;
    private TestBackend a;
    private TestBackend b;
    private GatewayProcess gw;

    @BeforeEach
    void start() throws Exception {
        a = new TestBackend("api-0");
        b = new TestBackend("api-1");
        gw = GatewayProcess.start(dir, """
                listen: { host: 127.0.0.1, port: 0 }
                admin:  { host: 127.0.0.1, port: 0 }
                routes:
                  - { host: "*", pathPrefix: /api, cluster: api }
                clusters:
                  - name: api
                    loadBalancing: round_robin
                    endpoints:
                      - { name: api-0, address: "%s", weight: 1 }
                      - { name: api-1, address: "%s", weight: 1 }
                    healthCheck: { type: http, path: /health, interval: 200ms, jitter: 0ms, timeout: 200ms,
                                   unhealthyThreshold: 2, healthyThreshold: 2, expectedStatuses: [200] }
                """.formatted(a.address(), b.address()));
    }

    @AfterEach
    void stop() throws Exception {
        gw.close();
        a.close();
        b.close();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String stateOf(String endpoint) throws Exception {
        JsonNode doc = JSON.readTree(get(gw.admin("/admin/clusters")).body());
        for (JsonNode e : doc.get("clusters").get(0).get("endpoints")) {
            if (e.get("name").asText().equals(endpoint)) {
                return e.get("state").asText();
            }
        }
        return "missing";
    }

    @Test
    void balancesRoundRobinAndPassesBackendHeaders() throws Exception {
        List<String> served = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> r = get(gw.url("/api/items"));
            assertThat(r.statusCode()).as("status of request %d", i).isEqualTo(200);
            served.add(r.headers().firstValue("x-backend-id").orElse("none"));
        }
        assertThat(served).as("strict alternation").containsExactly("api-0", "api-1", "api-0", "api-1", "api-0", "api-1");
    }

    @Test
    void detectsAStoppedBackendRetriesMeanwhileAndRecoversWhenItReturns() throws Exception {
        a.stop();
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> r = get(gw.url("/api/x"));
            assertThat(r.statusCode()).as("connect failure retried on the other endpoint").isEqualTo(200);
            assertThat(r.headers().firstValue("x-backend-id")).as("served by").contains("api-1");
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(stateOf("api-0")).as("view of the stopped backend").isEqualTo("unhealthy"));
        a.restart();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(stateOf("api-0")).as("view after it came back").isEqualTo("healthy"));
    }

    @Test
    void answersNoHealthyUpstreamWhenAllBackendsAreDown() throws Exception {
        a.stop();
        b.stop();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            HttpResponse<String> r = get(gw.url("/api/x"));
            assertThat(r.statusCode()).as("status").isEqualTo(503);
            assertThat(r.headers().firstValue("x-gauntlet-flags")).as("flags").contains("UH");
            assertThat(r.body()).as("body").isEqualTo("no healthy upstream");
        });
    }

    @Test
    void answers404WithNrWhenNoRouteMatches() throws Exception {
        HttpResponse<String> r = get(gw.url("/elsewhere"));
        assertThat(r.statusCode()).as("status").isEqualTo(404);
        assertThat(r.headers().firstValue("x-gauntlet-flags")).as("flags").contains("NR");
    }

    @Test
    void streamsSnapshotsThenTimestampedTransitions() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpResponse<Stream<String>> sse = http.send(HttpRequest.newBuilder(URI.create(gw.admin("/admin/events"))).build(),
                HttpResponse.BodyHandlers.ofLines());
        Thread reader = new Thread(() -> {
            try {
                sse.body().forEach(lines::add);
            } catch (RuntimeException closed) {
                // The stream is closed at the end of the test.
            }
        });
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> lines.stream().filter(l -> l.startsWith("event:snapshot")).count() == 2);
        // The gateway is a separate process: its stamps share CLOCK_MONOTONIC with ours (nanoTime on Linux).
        long before = System.nanoTime() / 1000;
        a.stop();
        await().atMost(Duration.ofSeconds(5)).until(() -> lines.stream().anyMatch(l -> l.contains("\"to\":\"unhealthy\"")));
        long after = System.nanoTime() / 1000;
        String data = lines.stream().filter(l -> l.contains("\"to\":\"unhealthy\"")).findFirst().orElseThrow();
        JsonNode ev = JSON.readTree(data.substring(data.indexOf('{')));
        assertThat(ev.get("endpoint").asText()).as("endpoint").isEqualTo("api-0");
        assertThat(ev.get("from").asText()).as("from").isEqualTo("healthy");
        assertThat(ev.get("usable").asBoolean()).as("usable").isFalse();
        assertThat(ev.get("reason").asText()).as("reason").isEqualTo("active_hc_failed");
        assertThat(ev.get("t_us").asLong()).as("t_us: CLOCK_MONOTONIC micros within the test window").isBetween(before, after);
        sse.body().close();
    }
}
