package dev.gauntlet.harness.kind.caddy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.harness.kind.AnswerLabeler.Answer;
import dev.gauntlet.harness.kind.DetectionModel.Bound;
import dev.gauntlet.harness.kind.DetectionModel.Mechanism;
import dev.gauntlet.harness.kind.DetectionModel.Noticed;
import dev.gauntlet.harness.kind.DetectionModel.RunContext;
import dev.gauntlet.harness.kind.GatewayLaunch;
import dev.gauntlet.harness.kind.GatewayUnavailableException;
import dev.gauntlet.harness.kind.KindTestParts;
import dev.gauntlet.harness.kind.NativeConfig;
import dev.gauntlet.harness.kind.TruthTable;
import dev.gauntlet.harness.kind.ViewSource;
import dev.gauntlet.report.run.ViewEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Caddy 2.11.9 (the real binary) in front of three real fake backends behind real Toxiproxy proxies, under an
 * open-model load: a refused endpoint is marked unhealthy by the active checker inside the predicted bound,
 * every endpoint down gives 503 "no upstreams available" labelled UH. With {@code -Dgauntlet.truthTable=true}
 * it also measures the truth table (docs/gateways/caddy.md).
 */
class CaddyKindIT {

    private static final int RATE = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CaddyKind kind = new CaddyKind();
    private KindTestParts parts;
    private CaddyGateway gateway;
    private ViewSource view;
    private GatewayLaunch launch;
    private NativeConfig conf;

    @BeforeEach
    void start() throws Exception {
        try {
            kind.binary();
        } catch (GatewayUnavailableException e) {
            Assumptions.abort(e.getMessage());
        }
        Path runDir = Path.of("target", "caddy-it-" + System.currentTimeMillis()).toAbsolutePath();
        Files.createDirectories(runDir);
        parts = KindTestParts.start(runDir, 3);
        ObjectNode settings = (ObjectNode) JSON.readTree("""
                {"loadBalancing":"round_robin",
                 "healthCheck":{"type":"http","path":"/health","interval":"1s","timeout":"300ms",
                                "unhealthyThreshold":2,"healthyThreshold":2},
                 "outlierDetection":{"enabled":false},
                 "retry":{"maxRetries":1,"retryOn":["connect_failure","reset"]},
                 "upstreamTimeout":"1s","connectTimeout":"1s"}""");
        ObjectNode neutral = parts.neutral(KindTestParts.freePort(), KindTestParts.freePort(), settings);
        assertThat(kind.refusals(neutral)).as("refusals").isEmpty();
        launch = new GatewayLaunch("caddy-it", runDir, neutral, "127.0.0.1", neutral.path("listen").path("port").asInt(),
                neutral.path("admin").path("port").asInt(), "api", UnaryOperator.identity());
        conf = kind.render(launch);
        assertThat(kind.validate(conf, launch)).as("caddy validate on the rendered config").isEmpty();
        gateway = (CaddyGateway) kind.start(launch, conf, parts.registry());
        view = kind.observe(gateway, launch, parts.sink());
        assertThat(view.awaitAllUsable(3, Duration.ofSeconds(5))).as("all three usable at start").isTrue();
    }

    @AfterEach
    void stop() {
        if (view != null) {
            view.close();
        }
        if (parts != null) {
            parts.stopLoad();
        }
        if (gateway != null) {
            gateway.stop();
        }
        if (parts != null) {
            parts.close();
        }
    }

    @Test
    void aRefusedEndpointIsUnhealthyInsideThePredictedBound() throws Exception {
        parts.startLoad(gateway.baseUrl() + "/api/items", RATE);
        int mark = parts.events.size();
        long requested = KindTestParts.nowUs();
        parts.proxy("api-0").disable();
        long injected = KindTestParts.nowUs();

        ViewEvent down = await().atMost(Duration.ofSeconds(5))
                .until(() -> parts.firstChange("api-0", false, mark), e -> e != null);
        double ms = (down.tUs() - injected) / 1000.0;
        JsonNode effective = kind.effectiveConfig(gateway, launch, conf);
        Bound bound = kind.detectionModel().detection(effective, "api", Noticed.FAST_FAIL, new RunContext(RATE, 3))
                .stream().filter(b -> b.mechanism() == Mechanism.ACTIVE_CHECK).findFirst().orElseThrow();
        assertThat(ms).as("detection %.1f ms inside [%.1f, %.1f] (%s)", ms, bound.lowMs(), bound.highMs(),
                bound.derivation()).isLessThanOrEqualTo(bound.highMs());
        // the fault took effect while the call ran: measured from when it was requested, it is no shorter
        assertThat((down.tUs() - requested) / 1000.0).as("detection from the request, against the low bound %.1f",
                bound.lowMs()).isGreaterThanOrEqualTo(bound.lowMs());
        assertThat(down.reason()).as("reason").isEqualTo("active_hc_failed");

        int healMark = parts.events.size();
        long healRequested = KindTestParts.nowUs();
        parts.proxy("api-0").enable();
        long healed = KindTestParts.nowUs();
        ViewEvent up = await().atMost(Duration.ofSeconds(5))
                .until(() -> parts.firstChange("api-0", true, healMark), e -> e != null);
        Bound recovery = kind.detectionModel().recovery(effective, "api", new RunContext(RATE, 3)).get(0);
        double rms = (up.tUs() - healed) / 1000.0;
        assertThat(rms).as("recovery %.1f ms inside [%.1f, %.1f]", rms, recovery.lowMs(), recovery.highMs())
                .isLessThanOrEqualTo(recovery.highMs());
        assertThat((up.tUs() - healRequested) / 1000.0).as("recovery from the request, against the low bound %.1f",
                recovery.lowMs()).isGreaterThanOrEqualTo(recovery.lowMs());
    }

    @Test
    void everyEndpointDownGivesNoUpstreamsAvailableLabelledUh() throws Exception {
        parts.startLoad(gateway.baseUrl() + "/api/items", RATE);
        for (String id : List.of("api-0", "api-1", "api-2")) {
            parts.proxy(id).disable();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> !view.usable().containsValue(true));
        int mark = parts.replies.size();
        await().atMost(Duration.ofSeconds(5)).until(() -> parts.replies.size() >= mark + 20);
        List<KindTestParts.Reply> after = new ArrayList<>(parts.replies.subList(mark + 5, parts.replies.size()));
        List<String> labels = after.stream().map(r -> kind.labeler().flags(new Answer(r.status(), r.headers(), r.body())))
                .toList();
        assertThat(labels).as("labels once Caddy holds every upstream unhealthy (headers: %s)", after.get(0).headers())
                .containsOnly("UH");
        assertThat(after).as("statuses").allMatch(r -> r.status() == 503);
    }

    @Test
    void aRefusedConnectionBeforeDetectionIsLabelledUfWhenNoRetryIsLeft() throws Exception {
        parts.proxy("api-0").disable();
        parts.proxy("api-1").disable();
        parts.proxy("api-2").disable();
        var http = java.net.http.HttpClient.newHttpClient();
        var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(gateway.baseUrl() + "/x")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        java.util.Map<String, String> headers = new java.util.TreeMap<>();
        r.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
        assertThat(kind.labeler().flags(new Answer(r.statusCode(), headers, r.body())))
                .as("label of %s %s", r.statusCode(), headers).isIn("UF", "UH");
    }

    @Test
    @EnabledIfSystemProperty(named = "gauntlet.truthTable", matches = "true")
    void truthTable() throws Exception {
        parts.startLoad(gateway.baseUrl() + "/api/items", RATE);
        JsonNode effective = kind.effectiveConfig(gateway, launch, conf);
        Files.writeString(launch.runDir().resolve("gateway-config.json"), effective.toPrettyString());
        int runs = Integer.getInteger("gauntlet.truthTable.runs", 5);
        StringBuilder table = new StringBuilder(TruthTable.HEADER).append("\n");
        for (TruthTable.Fault fault : TruthTable.Fault.values()) {
            TruthTable.Row row = TruthTable.measure(parts, view, kind.detectionModel(), effective, RATE, 3, fault, runs,
                    Duration.ofSeconds(6), Duration.ofSeconds(6), Duration.ofMillis(300));
            table.append(row.markdown()).append("\n");
        }
        Files.writeString(Path.of("target", "truth-caddy.md"), table.toString());
        System.out.println(table);
    }
}
