package dev.gauntlet.harness.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.harness.fault.FaultRegistry;
import dev.gauntlet.harness.fault.Micros;
import dev.gauntlet.harness.kind.JsonlViewSink;
import dev.gauntlet.harness.runtime.ChildRegistry;
import dev.gauntlet.harness.runtime.LocalRuntime;
import dev.gauntlet.harness.runtime.PartsRuntime;
import dev.gauntlet.harness.scenario.Scenario;
import dev.gauntlet.harness.scenario.ScenarioLoader;
import dev.gauntlet.harness.topology.Topology;
import dev.gauntlet.harness.topology.TopologyPlanner;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The observer against our real gateway, its admin connection routed through a real Toxiproxy proxy: a cut
 * (proxy disabled) and a silent stall (a {@code timeout} toxic dropping every byte) each leave one gap line in
 * view.jsonl, stamped when the loss was noticed, then a fresh snapshot after the reconnect; a real
 * {@code PUT /admin/config} lands in gateway-config-history.jsonl.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ViewObserverIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    private PartsRuntime runtime;
    private Topology topology;
    private Proxy adminProxy;
    private String viaProxy;
    private Path runDir;
    private ViewObserver view;
    private JsonlViewSink sink;

    @BeforeAll
    void startParts() throws Exception {
        Path file = Files.writeString(tmp.resolve("view-gaps.yaml"), """
                name: view-gaps
                gateway:
                  config:
                    healthCheck: { path: /health, interval: 300ms, timeout: 200ms, unhealthyThreshold: 2, healthyThreshold: 1 }
                backends:
                  - pool: api
                    replicas: 2
                load: { rate: 1/s, duration: 10s }
                """);
        Scenario scenario = new ScenarioLoader(tmp, FaultRegistry.standard()::validate, (m, e) -> { })
                .load(file.toString(), List.of());
        String runId = "view-observer-it-" + System.currentTimeMillis();
        Path partsDir = Path.of("target", runId).toAbsolutePath();
        runtime = PartsRuntime.create("local", runId, partsDir, ChildRegistry.open(partsDir));
        topology = new TopologyPlanner().plan(scenario, runtime.placement());
        runtime.start(topology);
        int port = runtime.placement().port(List.of("127.0.0.1"));
        String admin = URI.create(runtime.gateway().adminUrl()).getAuthority();
        adminProxy = ((LocalRuntime) runtime).toxiproxy().createProxy("view-admin", "127.0.0.1:" + port, admin);
        viaProxy = "http://127.0.0.1:" + port;
    }

    @BeforeEach
    void observe() throws Exception {
        runDir = Files.createDirectories(tmp.resolve("run-" + System.nanoTime()));
        sink = new JsonlViewSink(runDir.resolve("view.jsonl"), topology.cluster());
        // as the builtin gateway kind observes: into the run's view sink, with the config history beside it
        view = ViewObserver.stream(viaProxy, sink, topology::endpointIdFor, runDir.resolve(ViewObserver.CONFIG_HISTORY));
        assertThat(view.awaitAllUsable(2, Duration.ofSeconds(20))).as("both replicas usable: %s", view.usable()).isTrue();
    }

    @AfterEach
    void stopObserving() throws Exception {
        view.close();
        sink.close();
        adminProxy.enable();
        for (var toxic : adminProxy.toxics().getAll()) {
            toxic.remove();
        }
    }

    @AfterAll
    void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void aCutStreamLeavesOneGapLineThenAFreshSnapshot() throws Exception {
        long beforeCut = Micros.nowUs();
        adminProxy.disable(); // Toxiproxy closes the observer's connection and refuses new ones

        JsonNode gap = await().atMost(Duration.ofSeconds(10)).until(() -> gapLine(), g -> g != null);
        long noticed = Micros.nowUs();
        assertThat(gap.path("t_us").asLong()).as("the gap is stamped when the loss was noticed, in the run's time base")
                .isBetween(beforeCut, noticed);
        assertThat(gap.path("cluster").asText()).isEqualTo(topology.cluster());
        assertThat(gap.path("endpoint").asText()).isEqualTo("*");
        assertThat(gap.path("state").asText()).isEqualTo("gap");
        assertThat(gap.path("usable").asBoolean()).isFalse();
        assertThat(gap.path("reason").asText()).isEqualTo("view_gap");
        assertThat(gap.path("detail").asText()).as("why").isNotBlank();

        adminProxy.enable();
        List<JsonNode> after = await().atMost(Duration.ofSeconds(10)).until(() -> snapshotsAfter(gap), s -> s.size() >= 2);
        assertThat(after).as("a fresh snapshot of every endpoint, later than the gap")
                .extracting(s -> s.path("endpoint").asText()).containsExactlyInAnyOrder("api-0", "api-1");
        assertThat(view.connections()).as("reconnected once").isEqualTo(2);
        assertThat(lines(runDir.resolve("view.jsonl")).stream().filter(l -> l.path("state").asText().equals("gap")))
                .as("one gap line per loss, not one per failed reconnect").hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> view.usable().size() == 2);
    }

    @Test
    void aSilentStallIsNoticedByTheKeepAliveWatchdog() throws Exception {
        long beforeStall = Micros.nowUs();
        // timeout 0: every byte from the gateway is dropped and the connection stays open, as on a black-holed link
        adminProxy.toxics().timeout("stall", ToxicDirection.DOWNSTREAM, 0);

        JsonNode gap = await().atMost(Duration.ofSeconds(15)).until(() -> gapLine(), g -> g != null);
        assertThat(gap.path("detail").asText()).isEqualTo("no data for 3000 ms");
        assertThat(gap.path("t_us").asLong() - beforeStall).as("noticed after the stall limit, not before")
                .isGreaterThanOrEqualTo(ViewObserver.STALL.toNanos() / 1000);

        adminProxy.toxics().get("stall").remove();
        List<JsonNode> after = await().atMost(Duration.ofSeconds(15)).until(() -> snapshotsAfter(gap), s -> s.size() >= 2);
        assertThat(after).extracting(s -> s.path("endpoint").asText()).containsExactlyInAnyOrder("api-0", "api-1");
    }

    @Test
    void everyEffectiveConfigGoesToTheHistoryFirstAtConnectThenEachPut() throws Exception {
        Path history = runDir.resolve(ViewObserver.CONFIG_HISTORY);
        await().atMost(Duration.ofSeconds(5)).until(() -> lines(history).size() == 1);
        JsonNode first = lines(history).get(0);
        assertThat(first.path("source").asText()).isEqualTo("connect");
        assertThat(first.path("config").path("clusters").get(0).path("healthCheck").path("interval").asText())
                .as("the config at connect").isEqualTo("300ms");

        long beforePut = Micros.nowUs();
        HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(runtime.gateway().adminUrl() + "/admin/config"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"clusters\":[{\"name\":\"" + topology.cluster()
                        + "\",\"healthCheck\":{\"interval\":\"700ms\"}}]}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(5)).until(() -> lines(history).size() == 2);
        JsonNode changed = lines(history).get(1);
        assertThat(changed.path("source").asText()).isEqualTo("admin_put");
        assertThat(changed.path("config").path("clusters").get(0).path("healthCheck").path("interval").asText())
                .as("the config now in effect").isEqualTo("700ms");
        assertThat(changed.path("t_us").asLong()).as("stamped by the gateway on the run's monotonic time line")
                .isBetween(beforePut, Micros.nowUs());

        // A change while the observer cannot see is caught on reconnect, marked as such.
        adminProxy.disable();
        await().atMost(Duration.ofSeconds(10)).until(() -> gapLine(), g -> g != null);
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(runtime.gateway().adminUrl() + "/admin/config"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"clusters\":[{\"name\":\"" + topology.cluster()
                        + "\",\"healthCheck\":{\"interval\":\"300ms\"}}]}")).build(), HttpResponse.BodyHandlers.ofString());
        adminProxy.enable();
        await().atMost(Duration.ofSeconds(10)).until(() -> lines(history).size() == 3);
        assertThat(lines(history).get(2).path("source").asText()).isEqualTo("reconnect");
    }

    @Test
    void theSelfContainedFormWritesTheSameGapLineForEveryClusterItSaw() throws Exception {
        Path own = Files.createDirectories(tmp.resolve("own-" + System.nanoTime()));
        try (ViewObserver self = ViewObserver.connect(viaProxy, own, topology::endpointIdFor)) {
            assertThat(self.awaitAllUsable(2, Duration.ofSeconds(20))).isTrue();
            adminProxy.disable();
            JsonNode gap = await().atMost(Duration.ofSeconds(10)).until(() -> lines(own.resolve("view.jsonl")).stream()
                    .filter(l -> l.path("state").asText().equals("gap")).findFirst().orElse(null), g -> g != null);
            assertThat(gap.path("cluster").asText()).isEqualTo(topology.cluster());
            assertThat(gap.path("reason").asText()).isEqualTo("view_gap");
            adminProxy.enable();
            await().atMost(Duration.ofSeconds(10)).until(() -> self.connections() == 2);
        }
    }

    private JsonNode gapLine() throws Exception {
        return lines(runDir.resolve("view.jsonl")).stream().filter(l -> l.path("state").asText().equals("gap"))
                .findFirst().orElse(null);
    }

    private List<JsonNode> snapshotsAfter(JsonNode gap) throws Exception {
        return lines(runDir.resolve("view.jsonl")).stream()
                .filter(l -> l.path("reason").asText().equals("snapshot") && l.path("t_us").asLong() > gap.path("t_us").asLong())
                .toList();
    }

    private static List<JsonNode> lines(Path file) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    out.add(JSON.readTree(line));
                }
            }
        }
        return out;
    }
}
