package dev.gauntlet.harness.kind.nginx;

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
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * nginx 1.22 (the real binary) in front of three real fake backends behind real Toxiproxy proxies, under an
 * open-model load: a refused endpoint is disabled inside the predicted bound, every endpoint down gives NHU
 * answers labelled UH. With {@code -Dgauntlet.truthTable=true} it also measures the truth table
 * (docs/gateways/nginx.md).
 */
class NginxKindIT {

    private static final int RATE = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NginxKind kind = new NginxKind();
    private KindTestParts parts;
    private NginxGateway gateway;
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
        Path runDir = Path.of("target", "nginx-it-" + System.currentTimeMillis()).toAbsolutePath();
        Files.createDirectories(runDir);
        parts = KindTestParts.start(runDir, 3);
        ObjectNode settings = (ObjectNode) JSON.readTree("""
                {"loadBalancing":"round_robin",
                 "outlierDetection":{"consecutiveGatewayFailure":3,"baseEjectionTime":"2s"},
                 "retry":{"maxRetries":1,"retryOn":["connect_failure","reset"]},
                 "upstreamTimeout":"1s","connectTimeout":"1s"}""");
        ObjectNode neutral = parts.neutral(KindTestParts.freePort(), KindTestParts.freePort(), settings);
        assertThat(kind.refusals(neutral)).as("refusals of a passive-only config").isEmpty();
        launch = new GatewayLaunch("nginx-it", runDir, neutral, "127.0.0.1", neutral.path("listen").path("port").asInt(),
                neutral.path("admin").path("port").asInt(), "api", UnaryOperator.identity());
        conf = kind.render(launch);
        assertThat(kind.validate(conf, launch)).as("nginx -t on the rendered config").isEmpty();
        gateway = (NginxGateway) kind.start(launch, conf, parts.registry());
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
    void aRefusedEndpointIsDisabledInsideThePredictedBound() throws Exception {
        parts.startLoad(gateway.baseUrl() + "/api/items", RATE);
        await().atMost(Duration.ofSeconds(5)).until(() -> parts.replies.size() >= RATE / 2);
        int mark = parts.events.size();
        long requested = KindTestParts.nowUs();
        parts.proxy("api-0").disable();
        long injected = KindTestParts.nowUs();

        ViewEvent down = await().atMost(Duration.ofSeconds(5))
                .until(() -> parts.firstChange("api-0", false, mark), e -> e != null);
        double ms = (down.tUs() - injected) / 1000.0;
        JsonNode effective = kind.effectiveConfig(gateway, launch, conf);
        Bound bound = kind.detectionModel().detection(effective, "api", Noticed.FAST_FAIL, new RunContext(RATE, 3))
                .stream().filter(Bound::known).findFirst().orElseThrow();
        assertThat(bound.mechanism()).isEqualTo(Mechanism.OUTLIER_EJECTION);
        assertThat(ms).as("detection %.1f ms inside [%.1f, %.1f] + view resolution 1000 ms (%s)", ms, bound.lowMs(),
                bound.highMs(), bound.derivation()).isLessThanOrEqualTo(bound.highMs() + view.resolutionUs() / 1000.0);
        // the fault took effect while the call ran: measured from when it was requested, it is no shorter
        assertThat((down.tUs() - requested) / 1000.0).as("detection from the request, against the low bound %.1f",
                bound.lowMs()).isGreaterThanOrEqualTo(bound.lowMs());
        assertThat(down.reason()).as("reason of the disabling event").isEqualTo("outlier_ejected");

        int healMark = parts.events.size();
        long healRequested = KindTestParts.nowUs();
        parts.proxy("api-0").enable();
        long healed = KindTestParts.nowUs();
        ViewEvent up = await().atMost(Duration.ofSeconds(25))
                .until(() -> parts.firstChange("api-0", true, healMark), e -> e != null);
        Bound recovery = kind.detectionModel().recovery(effective, "api", new RunContext(RATE, 3)).get(0);
        double rms = (up.tUs() - healed) / 1000.0;
        assertThat(rms).as("recovery %.1f ms inside [%.1f, %.1f] (%s)", rms, recovery.lowMs(), recovery.highMs(),
                recovery.derivation()).isLessThanOrEqualTo(recovery.highMs() + view.resolutionUs() / 1000.0);
        assertThat((up.tUs() - healRequested) / 1000.0).as("recovery from the request").isGreaterThanOrEqualTo(recovery.lowMs());
    }

    @Test
    void everyEndpointDownGivesNoLiveUpstreamsLabelledUh() throws Exception {
        parts.startLoad(gateway.baseUrl() + "/api/items", RATE);
        for (String id : List.of("api-0", "api-1", "api-2")) {
            parts.proxy(id).disable();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> !view.usable().containsValue(true));
        long allDown = KindTestParts.nowUs();
        await().atMost(Duration.ofSeconds(5)).until(() -> parts.replies.stream().filter(r -> r.atUs() > allDown + 200_000)
                .count() >= 30);
        List<KindTestParts.Reply> after = parts.replies.stream().filter(r -> r.atUs() > allDown + 200_000).toList();
        List<String> labels = after.stream().map(r -> kind.labeler().flags(new Answer(r.status(), r.headers(), r.body())))
                .toList();
        // nginx tries no server ("no live upstreams", $upstream_addr = the group's name) → UH; once per fail_timeout
        // it lets one try through to a server whose time ran out, which is refused and has no server left → UF
        assertThat(labels).as("labels once nginx has disabled every server").isSubsetOf("UH", "UF");
        assertThat(after).as("statuses").allMatch(r -> r.status() == 502);
        assertThat(after).as("an answer for which no server was tried is UH")
                .filteredOn(r -> "api".equals(r.headers().get("x-gauntlet-upstream")))
                .allMatch(r -> "UH".equals(kind.labeler().flags(new Answer(r.status(), r.headers(), r.body()))));
        assertThat(labels.stream().filter("UH"::equals).count()).as("most answers are NHU").isGreaterThan(labels.size() / 2);
        String errors = Files.readString(launch.runDir().resolve(NginxConfRenderer.ERROR_LOG));
        assertThat(errors).as("nginx's own word for it").contains("no live upstreams");
    }

    @Test
    void noRouteIsLabelledNr() throws Exception {
        ObjectNode neutral = launch.neutral().deepCopy();
        neutral.putArray("routes").addObject().put("host", "*").put("pathPrefix", "/only").put("cluster", "api");
        GatewayLaunch other = new GatewayLaunch("nginx-it-nr", launch.runDir().resolve("nr"), neutral, "127.0.0.1",
                KindTestParts.freePort(), KindTestParts.freePort(), "api", UnaryOperator.identity());
        NativeConfig c = kind.render(other);
        NginxGateway gw = (NginxGateway) kind.start(other, c, parts.registry());
        try {
            var http = java.net.http.HttpClient.newHttpClient();
            var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(gw.baseUrl() + "/elsewhere")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            Map<String, String> headers = new java.util.TreeMap<>();
            r.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
            assertThat(r.statusCode()).as("no route status").isEqualTo(404);
            assertThat(kind.labeler().flags(new Answer(r.statusCode(), headers, r.body()))).as("label").isEqualTo("NR");
            var ok = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(gw.baseUrl() + "/only/x")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).as("a routed request").isEqualTo(200);
        } finally {
            gw.stop();
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "gauntlet.truthTable", matches = "true")
    void truthTable() throws Exception {
        parts.startLoad(gateway.baseUrl() + "/api/items", RATE);
        await().atMost(Duration.ofSeconds(5)).until(() -> parts.replies.size() >= RATE / 2);
        JsonNode effective = kind.effectiveConfig(gateway, launch, conf);
        int runs = Integer.getInteger("gauntlet.truthTable.runs", 5);
        StringBuilder table = new StringBuilder(TruthTable.HEADER).append("\n");
        for (TruthTable.Fault fault : TruthTable.Fault.values()) {
            TruthTable.Row row = TruthTable.measure(parts, view, kind.detectionModel(), effective, RATE, 3, fault, runs,
                    Duration.ofSeconds(fault == TruthTable.Fault.HEALTH_500 ? 5 : 8), Duration.ofSeconds(12),
                    Duration.ofMillis(500));
            table.append(row.markdown()).append("\n");
        }
        Files.writeString(Path.of("target", "truth-nginx.md"), table.toString());
        System.out.println(table);
    }
}
