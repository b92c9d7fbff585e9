package dev.gauntlet.harness.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gauntlet.harness.observe.ViewObserver;
import dev.gauntlet.harness.runtime.ChildRegistry;
import dev.gauntlet.harness.runtime.PartsRuntime;
import dev.gauntlet.harness.runtime.ScenarioDns;
import dev.gauntlet.harness.scenario.FaultStep;
import dev.gauntlet.harness.scenario.Scenario;
import dev.gauntlet.harness.scenario.ScenarioLoader;
import dev.gauntlet.harness.topology.DnsZonePlan;
import dev.gauntlet.harness.topology.EndpointPlan;
import dev.gauntlet.harness.topology.Topology;
import dev.gauntlet.harness.topology.TopologyPlanner;
import dev.gauntlet.report.run.JsonlWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The DNS faults against real parts: our gateway resolving a pool's name through the scenario DNS
 * server, each replica behind its own Toxiproxy proxy on its own 127.0.0.x address. Each fault is
 * verified by an independent query when injected and healed; the gateway follows a moved record and
 * keeps its last good answer while the server fails; its view names the replicas by their ids.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DnsFaultsIT {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    static Path tmp;

    private PartsRuntime runtime;
    private Topology topology;
    private ViewObserver view;
    private Path runDir;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void startTopology() throws Exception {
        Path file = Files.writeString(tmp.resolve("dns-faults.yaml"), """
                name: dns-faults
                gateway:
                  config:
                    healthCheck: { path: /health, interval: 300ms, timeout: 200ms, unhealthyThreshold: 2, healthyThreshold: 1 }
                    dns: { ttlFloor: 1s, errorRetry: 300ms, timeout: 300ms }
                backends:
                  - pool: api
                    replicas: 2
                    behaviour: { latency: { fixed: 1ms } }
                    dns: { name: api.gauntlet.test, ttl: 1s }
                load: { rate: 1/s, duration: 10s }
                """);
        Scenario scenario = new ScenarioLoader(tmp, FaultRegistry.standard()::validate, (m, e) -> { })
                .load(file.toString(), List.of());
        // kept under target/ so the parts' logs (dns.log among them) can be read after a failure
        String runId = "dns-faults-it-" + runtimeKind() + "-" + System.currentTimeMillis();
        runDir = Path.of("target", runId).toAbsolutePath();
        runtime = PartsRuntime.create(runtimeKind(), runId, runDir, ChildRegistry.open(runDir));
        topology = new TopologyPlanner().plan(scenario, runtime.placement());
        runtime.start(topology);
        view = ViewObserver.connect(runtime.gateway().adminUrl(), runDir, topology::endpointIdFor);
        assertThat(view.awaitAllUsable(topology.initialViewSize(), Duration.ofSeconds(20)))
                .as("both replicas in the gateway's view by id: %s", view.usable()).isTrue();
    }

    /** The runtime the parts run in; {@link DnsFaultsContainersIT} runs every case again in containers. */
    String runtimeKind() {
        return "local";
    }

    @AfterAll
    void stop() {
        if (view != null) {
            view.close();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    /** Each test starts from the planned answer, whatever a failed test left behind. */
    @AfterEach
    void restorePlannedAnswer() {
        DnsZonePlan zone = topology.dnsZone("api").orElseThrow();
        runtime.dns().update(zone.hostname(),
                z -> new ScenarioDns.Zone(zone.initialAddresses(), zone.ttl(), ScenarioDns.Mode.ANSWER));
    }

    private Fault fault(String yaml) throws Exception {
        ObjectNode params = (ObjectNode) YAML.readTree(yaml);
        FaultStep step = new FaultStep(0, Duration.ZERO, params.path("action").asText(), "api", List.of(0, 1), null, params);
        return FaultRegistry.standard().create(step,
                new FaultContext(runtime, EndpointPlan.wholePool("api"), Clock.systemUTC(), "/health"));
    }

    /** Which replica served each of {@code n} requests through the gateway ("503" for anything but a 200). */
    private List<String> servedBy(int n) throws Exception {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(runtime.gateway().baseUrl() + "/x"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            out.add(r.statusCode() == 200 ? r.headers().firstValue("x-backend-id").orElse("?") : String.valueOf(r.statusCode()));
        }
        return out;
    }

    private void awaitServedByBoth() {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> servedBy(6), ids -> ids.contains("api-0") && ids.contains("api-1"));
    }

    private static Verification record(String yaml, String op, Verification v) {
        System.out.println("DNS FAULT " + yaml + " " + op + ": " + v.detail()); // the figures for the report
        assertThat(v.verified()).as("%s verified: %s", op, v.detail()).isTrue();
        assertThat(v.effectUs()).as("effect time recorded").isPositive();
        return v;
    }

    @Test
    void dnsChangeMovesTheGatewaysTrafficToTheNewReplicaAndHealMovesItBack() throws Exception {
        String yaml = "{action: dns_change, records: [1]}";
        awaitServedByBoth();
        Fault fault = fault(yaml);
        assertThat(fault.truth()).as("the backends are fine").isEqualTo("up");

        Verification injected = record(yaml, "inject", fault.inject());
        assertThat(injected.detail()).as("the server answers only replica 1's address")
                .contains("answered [" + topology.endpoint("api", 1).orElseThrow().proxyHost() + "]");
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> servedBy(6), ids -> ids.stream().allMatch("api-1"::equals));
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> Boolean.FALSE.equals(view.usable().get("api-0")));
        assertThat(Files.readString(runDir.resolve("view.jsonl"))).as("the view names the removed replica by its id")
                .contains("\"endpoint\":\"api-0\"").contains("dns_removed");

        record(yaml, "heal", fault.heal());
        awaitServedByBoth();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{action: dns_outage}", "{action: dns_servfail}", "{action: dns_nxdomain}"})
    void failingDnsIsVerifiedAndTheGatewayKeepsItsLastGoodAnswer(String yaml) throws Exception {
        awaitServedByBoth();
        Fault fault = fault(yaml);

        record(yaml, "inject", fault.inject());
        long before = runtime.dns().queries();
        // the gateway retries a failed query every errorRetry: two of its queries met the failure
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> runtime.dns().queries() >= before + 2);
        assertThat(servedBy(6)).as("stale-on-error: both replicas still served").contains("api-0", "api-1")
                .allMatch(id -> id.startsWith("api-"));

        record(yaml, "heal", fault.heal());
        awaitServedByBoth();
    }

    @Test
    void theSchedulerActsOnceOnThePoolAndTheFaultsOwnForHealEndsIt() throws Exception {
        ObjectNode params = (ObjectNode) YAML.readTree("{action: dns_servfail}");
        FaultStep step = new FaultStep(0, Duration.ZERO, "dns_servfail", "api", List.of(0, 1), Duration.ofMillis(500), params);
        Path file = runDir.resolve("timeline-scheduler.jsonl");
        JsonlWriter timeline = new JsonlWriter(file, 1);
        List<String> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
        FaultScheduler scheduler = new FaultScheduler(List.of(step), FaultRegistry.standard(), topology,
                endpoint -> new FaultContext(runtime, endpoint, Clock.systemUTC(), "/health"), timeline,
                Clock.systemUTC(), progress::add);
        try {
            scheduler.start(System.nanoTime());
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readAllLines(file).size() >= 2);
        } finally {
            scheduler.healAll();
            timeline.close();
        }

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).as("one inject and its heal, nothing per replica: %s", progress).hasSize(2);
        assertThat(lines).as("both name the pool").allMatch(l -> l.contains("\"target\":\"api\""));
        assertThat(lines.get(0)).as("inject verified").contains("\"op\":\"inject\"", "\"verified\":true");
        assertThat(lines.get(1)).as("for: heal verified").contains("\"op\":\"heal\"", "\"verified\":true");
        assertThat(runtime.dns().zone("api.gauntlet.test").mode()).as("answering again").isEqualTo(ScenarioDns.Mode.ANSWER);
    }

    @Test
    void dnsTtlIsVerifiedByTheAnsweredTtlAndHealedToTheOldOne() throws Exception {
        String yaml = "{action: dns_ttl, ttl: 60s}";
        Fault fault = fault(yaml);

        assertThat(record(yaml, "inject", fault.inject()).detail()).as("new TTL answered").contains("ttl 60 s in");
        assertThat(record(yaml, "heal", fault.heal()).detail()).as("old TTL answered").contains("ttl 1 s in");
        awaitServedByBoth();
    }
}
