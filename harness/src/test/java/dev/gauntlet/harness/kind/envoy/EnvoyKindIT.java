package dev.gauntlet.harness.kind.envoy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.harness.fault.Micros;
import dev.gauntlet.harness.kind.AnswerLabeler;
import dev.gauntlet.harness.kind.DetectionModel;
import dev.gauntlet.harness.kind.GatewayKind;
import dev.gauntlet.harness.kind.GatewayLaunch;
import dev.gauntlet.harness.kind.GatewayUnavailableException;
import dev.gauntlet.harness.kind.NativeConfig;
import dev.gauntlet.harness.kind.ViewSink;
import dev.gauntlet.harness.kind.ViewSource;
import dev.gauntlet.harness.runtime.ChildRegistry;
import dev.gauntlet.harness.runtime.Gateway;
import dev.gauntlet.harness.runtime.KindTestParts;
import dev.gauntlet.harness.scenario.Scenario;
import dev.gauntlet.harness.scenario.ScenarioLoader;
import dev.gauntlet.harness.topology.EndpointPlan;
import dev.gauntlet.harness.topology.LoopbackPlacement;
import dev.gauntlet.harness.topology.Topology;
import dev.gauntlet.harness.topology.TopologyPlanner;
import dev.gauntlet.report.run.ViewEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The envoy kind against the real Envoy binary, real Toxiproxy and real fake backends: one of three endpoints
 * refused is seen unusable in Envoy's own event log inside the predicted bound and usable again inside the
 * recovery bound; all three down gives Envoy's panic-routed connect failures (UF) with the default panic
 * threshold, and 503 UH "no healthy upstream" with panic off.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnvoyKindIT {

    @TempDir
    static Path tmp;

    private final EnvoyKind kind = new EnvoyKind();
    private final HttpClient http = HttpClient.newHttpClient();
    private Topology topology;
    private KindTestParts parts;
    private ChildRegistry registry;
    private Path runDir;
    private String runId;

    @BeforeAll
    void startParts() throws Exception {
        try {
            kind.binary();
        } catch (GatewayUnavailableException e) {
            Assumptions.abort("envoy is not installed here: " + e.getMessage());
        }
        Path file = Files.writeString(tmp.resolve("envoy-it.yaml"), """
                name: envoy-it
                gateway:
                  config:
                    healthCheck: { path: /health, interval: 500ms, jitter: 50ms, timeout: 300ms,
                                   unhealthyThreshold: 2, healthyThreshold: 2 }
                    retry: { maxRetries: 1, retryOn: [connect_failure, reset] }
                backends:
                  - { pool: api, replicas: 3, behaviour: { latency: { fixed: 1ms } } }
                load: { rate: 1/s, duration: 10s }
                """);
        Scenario scenario = new ScenarioLoader(tmp, (s, r) -> { }, (m, e) -> { }).load(file.toString(), List.of());
        runId = "envoy-it-" + System.currentTimeMillis();
        runDir = Path.of("target", runId).toAbsolutePath(); // kept so Envoy's logs can be read after a failure
        registry = ChildRegistry.open(runDir);
        topology = new TopologyPlanner().plan(scenario);
        parts = KindTestParts.start(topology, runId, runDir, registry);
    }

    @AfterAll
    void stopParts() {
        if (parts != null) {
            parts.close();
            registry.close();
        }
    }

    /** A launch of the topology's gateway config, with {@code change} applied to its cluster. */
    private GatewayLaunch launch(String name, java.util.function.Consumer<ObjectNode> change) {
        ObjectNode neutral = topology.gatewayConfig().deepCopy();
        change.accept((ObjectNode) neutral.path("clusters").get(0));
        LoopbackPlacement ports = new LoopbackPlacement();
        Map<String, String> ids = new HashMap<>();
        for (EndpointPlan e : topology.endpoints()) {
            ids.put(e.proxyAddress(), e.id());
        }
        Path dir = runDir.resolve(name);
        return new GatewayLaunch(runId, dir, neutral, "127.0.0.1", ports.port(List.of("127.0.0.1")),
                ports.port(List.of("127.0.0.1")), topology.cluster(), ids::get);
    }

    private static final class Sink implements ViewSink {
        final List<ViewEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public void accept(ViewEvent event) {
            events.add(event);
        }

        @Override
        public void gap(long fromUs, String why) {
            events.add(new ViewEvent(fromUs, "api", "*", "gap", false, List.of(), "view_gap"));
        }

        ViewEvent first(String endpoint, boolean usable, long afterUs) {
            return events.stream().filter(e -> e.endpoint().equals(endpoint) && e.usable() == usable
                    && !e.reason().equals("snapshot") && e.tUs() >= afterUs).findFirst().orElse(null);
        }
    }

    @Test
    void oneRefusedEndpointIsSeenUnusableInsideTheBoundAndUsableAgainInsideTheRecoveryBound() throws Exception {
        GatewayLaunch launch = launch("refuse", c -> { });
        NativeConfig config = kind.render(launch);
        assertThat(kind.validate(config, launch)).as("envoy --mode validate on the rendered bootstrap").isEmpty();
        EnvoyGateway gw = (EnvoyGateway) kind.start(launch, config, registry);
        Sink sink = new Sink();
        try (ViewSource view = kind.observe(gw, launch, sink)) {
            assertThat(view.awaitAllUsable(3, Duration.ofSeconds(20))).as("all three healthy in Envoy's view").isTrue();
            get(gw.baseUrl() + "/x"); // the cluster has carried traffic
            JsonNode effective = kind.effectiveConfig(gw, launch, config);
            assertThat(effective.path("source").asText()).as("read back from Envoy itself").isEqualTo("envoy /config_dump");
            assertThat(effective.at("/clusters/0/envoy/noTrafficInterval").asText())
                    .as("no_traffic_interval set from the neutral interval").isEqualTo("500ms");

            long injectUs = Micros.nowUs();
            parts.toxiproxy().proxy("api-0").disable();
            long injectedUs = Micros.nowUs();
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.first("api-0", false, injectUs) != null);
            ViewEvent down = sink.first("api-0", false, injectUs);
            DetectionModel.Bound bound = kind.detectionModel().detection(effective, "api",
                    DetectionModel.Noticed.FAST_FAIL, new DetectionModel.RunContext(1, 3)).get(0);
            double lowMs = (down.tUs() - injectedUs) / 1000.0;
            double highMs = (down.tUs() - injectUs) / 1000.0;
            assertThat(bound.mechanism()).isEqualTo(DetectionModel.Mechanism.ACTIVE_CHECK);
            assertThat(down.reason()).as("Envoy's eject_unhealthy_event").isEqualTo("active_hc_failed");
            assertThat(highMs).as("detection %s..%s ms inside %s", lowMs, highMs, bound.derivation())
                    .isLessThanOrEqualTo(bound.highMs() + 1);
            assertThat(lowMs).as("detection %s..%s ms inside %s", lowMs, highMs, bound.derivation())
                    .isGreaterThanOrEqualTo(bound.lowMs() - 1);
            assertThat(view.usable()).as("the other two stay usable")
                    .containsEntry("api-1", true).containsEntry("api-2", true).containsEntry("api-0", false);

            long healUs = Micros.nowUs();
            parts.toxiproxy().proxy("api-0").enable();
            long healedUs = Micros.nowUs();
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.first("api-0", true, healUs) != null);
            ViewEvent up = sink.first("api-0", true, healUs);
            DetectionModel.Bound rb = kind.detectionModel().recovery(effective, "api", new DetectionModel.RunContext(1, 2)).get(0);
            assertThat((up.tUs() - healUs) / 1000.0).as("recovery inside %s", rb.derivation()).isLessThanOrEqualTo(rb.highMs() + 1);
            assertThat((up.tUs() - healedUs) / 1000.0).as("recovery inside %s", rb.derivation()).isGreaterThanOrEqualTo(rb.lowMs() - 1);
        } finally {
            parts.toxiproxy().proxy("api-0").enable();
            gw.stop();
        }
        assertThat(gw.isAlive()).as("envoy stopped and reaped").isFalse();
    }

    @Test
    void allThreeDownArePanicRoutedConnectFailuresByDefaultAndNoHealthyUpstreamWithPanicOff() throws Exception {
        assertAllDown(launch("panic", c -> { }), "UF", "upstream connect error");
        assertAllDown(launch("no-panic", c -> c.put("panicThreshold", 0)), "UH", "no healthy upstream");
    }

    private void assertAllDown(GatewayLaunch launch, String label, String body) throws Exception {
        GatewayKind k = kind;
        NativeConfig config = k.render(launch);
        Gateway gw = k.start(launch, config, registry);
        Sink sink = new Sink();
        try (ViewSource view = k.observe(gw, launch, sink)) {
            assertThat(view.awaitAllUsable(3, Duration.ofSeconds(20))).as("all three healthy first").isTrue();
            for (String id : List.of("api-0", "api-1", "api-2")) {
                parts.toxiproxy().proxy(id).disable();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> view.usable().values().stream().noneMatch(Boolean::booleanValue));
            HttpResponse<String> r = get(gw.baseUrl() + "/x");
            Map<String, String> headers = new HashMap<>();
            r.headers().map().forEach((name, v) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), v.get(0)));
            AnswerLabeler.Answer answer = new AnswerLabeler.Answer(r.statusCode(), headers, r.body());
            assertThat(r.statusCode()).as("status with %s", headers).isEqualTo(503);
            assertThat(r.body()).as("Envoy's own text").contains(body);
            assertThat(k.labeler().flags(answer)).as("label of %s", headers.get("x-gauntlet-flags")).isEqualTo(label);
        } finally {
            for (String id : List.of("api-0", "api-1", "api-2")) {
                parts.toxiproxy().proxy(id).enable();
            }
            ((EnvoyGateway) gw).stop();
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
