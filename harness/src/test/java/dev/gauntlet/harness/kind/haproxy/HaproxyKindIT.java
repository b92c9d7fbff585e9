package dev.gauntlet.harness.kind.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.harness.fault.Fault;
import dev.gauntlet.harness.fault.Verification;
import dev.gauntlet.harness.kind.AnswerLabeler.Answer;
import dev.gauntlet.harness.kind.DetectionModel.Bound;
import dev.gauntlet.harness.kind.DetectionModel.Noticed;
import dev.gauntlet.harness.kind.DetectionModel.RunContext;
import dev.gauntlet.report.run.ViewEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real HAProxy 2.6 in front of real fake backends behind real Toxiproxy proxies: one of three refused is
 * seen unusable inside the predicted bound; all three down gives NHU answers labelled {@code UH}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HaproxyKindIT {

    @TempDir
    static Path tmp;

    private HaproxyParts parts;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        parts = new HaproxyParts("haproxy-kind-it", tmp,
                "{ path: /health, interval: 300ms, timeout: 200ms, unhealthyThreshold: 2, healthyThreshold: 2 }");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(parts.view.usable()).as("all three usable in the view").hasSize(3).doesNotContainValue(false));
    }

    @AfterAll
    void stop() {
        if (parts != null) {
            parts.close();
        }
    }

    @Test
    @Order(1)
    void routesThroughHaproxyToEveryBackend() throws Exception {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> r = get("/api/items");
            assertThat(r.statusCode()).as("answered").isEqualTo(200);
            seen.merge(r.headers().firstValue("x-backend-id").orElse("?"), 1, Integer::sum);
        }
        assertThat(seen).as("round robin over three").containsOnlyKeys("api-0", "api-1", "api-2");
        assertThat(parts.kind.version()).as("version").startsWith("2.6");
        ObjectNode effective = parts.kind.effectiveConfig(parts.gateway, parts.launch, parts.config);
        assertThat(effective.path("clusters").get(0).path("haproxy").path("inter").asText()).as("inter read back").isEqualTo("300ms");
    }

    @Test
    @Order(2)
    void oneOfThreeRefusedIsUnusableInsideThePredictedBound() throws Exception {
        Fault refuse = parts.fault("{action: refuse}", 0);
        Verification injected = refuse.inject();
        assertThat(injected.verified()).as("refuse verified: %s", injected.detail()).isTrue();
        ViewEvent down;
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> parts.firstTransition("api-0", false, injected.effectUs()) != null);
            down = parts.firstTransition("api-0", false, injected.effectUs());
        } finally {
            Verification healed = refuse.heal();
            assertThat(healed.verified()).as("heal verified: %s", healed.detail()).isTrue();
        }
        double detectionMs = (down.tUs() - injected.effectUs()) / 1000.0;
        Bound bound = parts.kind.detectionModel().detection(parts.kind.effectiveConfig(parts.gateway, parts.launch, parts.config),
                "api", Noticed.FAST_FAIL, new RunContext(0, 3)).get(0);
        System.out.printf("HAPROXY refuse detection %.1f ms, bound [%.1f, %.1f] (%s)%n", detectionMs, bound.lowMs(),
                bound.highMs(), bound.derivation());
        assertThat(down.reason()).as("an active check moved it").isEqualTo("active_hc_failed");
        assertThat(down.mechanism()).as("mechanism").isEqualTo("active_check");
        assertThat(down.detail()).as("what the check saw").isEqualTo("refused");
        assertThat(detectionMs).as("detection inside [%s, %s]", bound.lowMs(), bound.highMs())
                .isBetween(bound.lowMs(), bound.highMs());
        await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.TRUE.equals(parts.view.usable().get("api-0")));
        assertThat(parts.gaps).as("no gap in the view").isEmpty();
    }

    @Test
    @Order(3)
    void allThreeDownGivesNhuAnswersLabelledUh() throws Exception {
        List<Fault> refusals = List.of(parts.fault("{action: refuse}", 0), parts.fault("{action: refuse}", 1),
                parts.fault("{action: refuse}", 2));
        try {
            for (Fault f : refusals) {
                assertThat(f.inject().verified()).as("refused").isTrue();
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(parts.view.usable()).as("none usable").doesNotContainValue(true));
            HttpResponse<String> r = get("/api/items");
            Map<String, String> headers = new HashMap<>();
            r.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
            System.out.println("HAPROXY all down: " + r.statusCode() + " " + headers + " " + r.body().strip());
            assertThat(r.statusCode()).as("status").isEqualTo(503);
            assertThat(r.body()).as("HAProxy's page").contains(HaproxyLabeler.NO_SERVER_PAGE);
            assertThat(parts.kind.labeler().flags(new Answer(r.statusCode(), headers, r.body()))).as("label").isEqualTo("UH");
        } finally {
            for (Fault f : refusals) {
                f.heal();
            }
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(parts.view.usable()).as("all back").doesNotContainValue(false));
    }

    @Test
    @Order(4)
    void aRouteThatMatchesNothingIsNrAndABrokenConfigIsRefusedByHaproxy() throws Exception {
        ObjectNode neutral = parts.launch.neutral().deepCopy();
        ((ObjectNode) neutral.path("routes").get(0)).put("pathPrefix", "/only");
        var launch = new dev.gauntlet.harness.kind.GatewayLaunch(parts.launch.runId(), parts.launch.runDir(), neutral,
                "127.0.0.1", parts.launch.listenPort(), parts.launch.adminPort(), "api", s -> s);
        var cfg = parts.kind.render(launch);
        assertThat(cfg.files().get("haproxy.cfg")).as("route by prefix").contains("use_backend api if { path -m beg /only }");
        var broken = new dev.gauntlet.harness.kind.NativeConfig(Map.of("haproxy.cfg",
                cfg.files().get("haproxy.cfg").replace("balance roundrobin", "balance nonsense")), "haproxy.cfg");
        assertThat(parts.kind.validate(broken, launch)).as("haproxy -c complains").isNotEmpty()
                .allSatisfy(l -> assertThat(l).contains("ALERT"));
        parts.kind.validate(parts.config, parts.launch); // leave the running config's file as it was
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(parts.gateway.baseUrl() + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
