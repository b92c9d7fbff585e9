package dev.gauntlet.harness.fault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gauntlet.harness.runtime.ChildRegistry;
import dev.gauntlet.harness.runtime.PartsRuntime;
import dev.gauntlet.harness.scenario.FaultStep;
import dev.gauntlet.harness.scenario.Scenario;
import dev.gauntlet.harness.scenario.ScenarioLoader;
import dev.gauntlet.harness.topology.EndpointPlan;
import dev.gauntlet.harness.topology.Topology;
import dev.gauntlet.harness.topology.TopologyPlanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each fault's probe against real parts (fake-backend processes, Toxiproxy, our gateway): the figure it
 * measures, and, with the effect absent — the fault made on api-0 while its probe looks at api-1 — that it
 * says {@code verified: false} instead of trusting the part's own report.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProbesIT {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    static Path tmp;

    private PartsRuntime runtime;
    private Topology topology;

    @BeforeAll
    void startTopology() throws Exception {
        Path file = Files.writeString(tmp.resolve("probes.yaml"), """
                name: probes
                gateway:
                  config:
                    healthCheck: { path: /health, interval: 300ms, timeout: 200ms, unhealthyThreshold: 2, healthyThreshold: 1 }
                backends:
                  - { pool: api, replicas: 2, behaviour: { latency: { fixed: 1ms } } }
                load: { rate: 1/s, duration: 10s }
                """);
        Scenario scenario = new ScenarioLoader(tmp, (s, r) -> { }, (m, e) -> { }).load(file.toString(), List.of());
        String runId = "probes-it-" + System.currentTimeMillis();
        Path runDir = Path.of("target", runId).toAbsolutePath();
        runtime = PartsRuntime.create("local", runId, runDir, ChildRegistry.open(runDir));
        topology = new TopologyPlanner().plan(scenario, runtime.placement());
        runtime.start(topology);
    }

    @AfterAll
    void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    private EndpointPlan api(int index) {
        return topology.endpoint("api", index).orElseThrow();
    }

    /** api-0's proxy gets the toxic; the probe goes through api-1's. */
    private EndpointPlan toxicOnApi0ProbedOnApi1() {
        EndpointPlan a = api(0);
        EndpointPlan b = api(1);
        return new EndpointPlan(a.id(), a.pool(), a.index(), a.host(), a.backendPort(), a.controlPort(), b.proxyPort(),
                a.behaviour(), b.proxyHost());
    }

    /** api-0's control port gets the patch; requests go to api-1's data port. */
    private EndpointPlan patchOnApi0ProbedOnApi1() {
        EndpointPlan a = api(0);
        EndpointPlan b = api(1);
        return new EndpointPlan(a.id(), a.pool(), a.index(), a.host(), b.backendPort(), a.controlPort(), a.proxyPort(),
                a.behaviour(), a.proxyHost());
    }

    /** api-0's control port gets the patch; /proc is read for api-1's process. */
    private EndpointPlan patchOnApi0MeasuredOnApi1() {
        EndpointPlan a = api(0);
        EndpointPlan b = api(1);
        return new EndpointPlan(b.id(), b.pool(), b.index(), b.host(), b.backendPort(), a.controlPort(), b.proxyPort(),
                b.behaviour(), b.proxyHost());
    }

    private Fault fault(String yaml, EndpointPlan endpoint) throws Exception {
        ObjectNode params = (ObjectNode) YAML.readTree(yaml);
        FaultStep step = new FaultStep(0, Duration.ZERO, params.path("action").asText(), "api", List.of(0), null, params);
        return FaultRegistry.standard().create(step, new FaultContext(runtime, endpoint, Clock.systemUTC(), "/health"));
    }

    /** Injects, hands the inject's verification to {@code check}, and always heals; returns the heal's. */
    private Verification injectCheckHeal(String yaml, EndpointPlan endpoint, java.util.function.Consumer<Verification> check)
            throws Exception {
        Fault f = fault(yaml, endpoint);
        Verification injected = f.inject();
        System.out.println("PROBE " + yaml + " @" + endpoint.proxyPort() + "/" + endpoint.backendPort() + " inject: "
                + injected.verified() + " " + injected.probe() + " | " + injected.detail());
        Verification healed;
        try {
            check.accept(injected);
        } finally {
            healed = f.heal();
            System.out.println("PROBE " + yaml + " heal: " + healed.verified() + " " + healed.probe() + " | " + healed.detail());
        }
        return healed;
    }

    private void absent(String yaml, EndpointPlan miswired) throws Exception {
        injectCheckHeal(yaml, miswired, v -> assertThat(v.verified())
                .as("%s with its effect absent from the probed path must not verify: %s", yaml, v.detail()).isFalse());
    }

    @Test
    void bandwidthIsMeasuredAsThroughputThroughTheProxy() throws Exception {
        Verification healed = injectCheckHeal("{action: bandwidth, rate: 20}", api(0), v -> {
            assertThat(v.verified()).as(v.detail()).isTrue();
            assertThat(v.probe().path("throughput_kbps").asDouble()).as("KB/s measured for 20 asked").isBetween(8.0, 25.0);
            assertThat(v.probe().path("unthrottled_kbps").asDouble()).as("KB/s without the toxic").isGreaterThan(40.0);
        });
        assertThat(healed.verified()).as("heal: throughput normal again: %s", healed.detail()).isTrue();
        absent("{action: bandwidth, rate: 20}", toxicOnApi0ProbedOnApi1());
    }

    @Test
    void slicerIsMeasuredAsChunksAndDelaysSeenByARawReader() throws Exception {
        String yaml = "{action: slicer, averageSize: 64, sizeVariation: 32, delayUs: 5000}";
        Verification healed = injectCheckHeal(yaml, api(0), v -> {
            assertThat(v.verified()).as(v.detail()).isTrue();
            assertThat(v.probe().path("median_chunk_bytes").asDouble()).as("median read (bytes)").isBetween(1.0, 96.0);
            assertThat(v.probe().path("duration_ms").asDouble()).as("transfer (ms) vs the slicer's least")
                    .isGreaterThanOrEqualTo(v.probe().path("min_expected_ms").asDouble());
            assertThat(v.probe().path("median_gap_ms").asDouble()).as("median gap between reads (ms)").isGreaterThanOrEqualTo(4.0);
        });
        assertThat(healed.verified()).as(healed.detail()).isTrue();
        absent(yaml, toxicOnApi0ProbedOnApi1());
    }

    @Test
    void slowCloseIsMeasuredAsTheDelayBeforeTheStreamEnds() throws Exception {
        Verification healed = injectCheckHeal("{action: slow_close, delay: 300ms}", api(0), v -> {
            assertThat(v.verified()).as(v.detail()).isTrue();
            assertThat(v.probe().path("close_delay_ms").asDouble()).as("close delay (ms) for 300 asked").isBetween(285.0, 900.0);
            assertThat(v.probe().path("close_seen").asBoolean()).as("the close came within the wait").isTrue();
        });
        assertThat(healed.verified()).as(healed.detail()).isTrue();
        absent("{action: slow_close, delay: 300ms}", toxicOnApi0ProbedOnApi1());
    }

    @Test
    void limitDataAboveAHealthAnswerIsMeasuredAsTheByteCountWhereTheStreamIsCut() throws Exception {
        for (int bytes : new int[] {8, 300, 5000}) {
            String yaml = "{action: limit_data, bytes: " + bytes + "}";
            Verification healed = injectCheckHeal(yaml, api(0), v -> {
                assertThat(v.verified()).as(v.detail()).isTrue();
                assertThat(v.probe().path("cut_at_bytes").asLong()).as("bytes received before the cut").isEqualTo(bytes);
                assertThat(v.probe().path("full_answer_bytes").asLong()).as("the whole answer").isGreaterThan(bytes);
            });
            assertThat(healed.verified()).as(healed.detail()).isTrue();
        }
        absent("{action: limit_data, bytes: 300}", toxicOnApi0ProbedOnApi1());
    }

    @Test
    void upstreamToxicsAreMeasuredOnAnUpload() throws Exception {
        Verification bandwidth = injectCheckHeal("{action: bandwidth, rate: 20, direction: upstream}", api(0), v -> {
            assertThat(v.verified()).as(v.detail()).isTrue();
            assertThat(v.probe().path("throughput_kbps").asDouble()).as("upload KB/s for 20 asked").isBetween(8.0, 25.0);
        });
        assertThat(bandwidth.verified()).as(bandwidth.detail()).isTrue();
        Verification limit = injectCheckHeal("{action: limit_data, bytes: 300, direction: upstream}", api(0), v -> {
            assertThat(v.verified()).as(v.detail()).isTrue();
            assertThat(v.probe().path("answered").asBoolean()).as("an upload over the limit gets no answer").isFalse();
        });
        assertThat(limit.verified()).as(limit.detail()).isTrue();
        Verification slicer = injectCheckHeal("{action: slicer, averageSize: 64, sizeVariation: 32, delayUs: 5000, direction: upstream}",
                api(0), v -> assertThat(v.verified()).as(v.detail()).isTrue());
        assertThat(slicer.verified()).as(slicer.detail()).isTrue();
        Verification close = injectCheckHeal("{action: slow_close, delay: 300ms, direction: upstream}", api(0),
                v -> assertThat(v.verified()).as("not observable from a client: %s", v.detail()).isFalse());
        assertThat(close.verified()).as("nor its heal: %s", close.detail()).isFalse();
    }

    @Test
    void aToxicityBelowOneIsTheShareOfProbeConnectionsAffectedWithItsInterval() throws Exception {
        String yaml = "{action: latency, latency: 200ms, toxicity: 0.5}";
        Verification healed = injectCheckHeal(yaml, api(0), v -> {
            assertThat(v.verified()).as(v.detail()).isTrue();
            assertThat(v.probe().path("connections").asInt()).as("probe connections").isEqualTo(ToxicFault.SAMPLE);
            assertThat(v.probe().path("ci_low").asDouble()).as("interval contains 0.5").isLessThanOrEqualTo(0.5);
            assertThat(v.probe().path("ci_high").asDouble()).as("interval contains 0.5").isGreaterThanOrEqualTo(0.5);
            assertThat(v.probe().path("affected").asInt()).as("some, not all, affected").isBetween(1, ToxicFault.SAMPLE - 1);
        });
        assertThat(healed.verified()).as(healed.detail()).isTrue();
        assertThat(healed.probe().path("connections").asInt()).as("connections to rule out 0.5 at 99%%").isEqualTo(7);
        absent(yaml, toxicOnApi0ProbedOnApi1());
    }

    @Test
    void aToxicHealIsVerifiedOnlyWhenTheProbedPathIsNormalAgain() throws Exception {
        Fault f = fault("{action: latency, latency: 300ms}", api(0));
        Verification injected = f.inject();
        assertThat(injected.verified()).as("inject: %s", injected.detail()).isTrue();
        // a second latency on the same proxy stands for a removal that did not take: the path stays slow
        var proxy = runtime.toxiproxy().proxy(api(0).id());
        proxy.toxics().latency("still-slow", eu.rekawek.toxiproxy.model.ToxicDirection.DOWNSTREAM, 300);
        try {
            Verification healed = f.heal();
            System.out.println("PROBE heal with the path still slow: " + healed.probe() + " | " + healed.detail());
            assertThat(healed.verified()).as("heal while the probed path still shows the latency: %s", healed.detail()).isFalse();
            assertThat(healed.probe().path("added_latency_ms").asDouble()).as("the latency still measured (ms)").isGreaterThan(270.0);
        } finally {
            proxy.toxics().get("still-slow").remove();
        }
    }

    @Test
    void cpuBurnIsMeasuredFromProcAsTheBurnThreadsDemandAndTheCpuTheyGot() throws Exception {
        String yaml = "{action: cpu_burn, threads: 1, share: 0.5}";
        Verification healed = injectCheckHeal(yaml, api(0), v -> {
            assertThat(v.verified()).as(v.detail()).isTrue();
            assertThat(v.probe().path("burn_threads").asInt()).as("burn threads in /proc").isEqualTo(1);
            assertThat(v.probe().path("demanded_cores").asDouble()).as("running + runnable (cores)").isBetween(0.45, 1.0);
            assertThat(v.probe().path("burn_cores").asDouble()).as("CPU the thread got (cores)").isBetween(0.05, 0.7);
        });
        assertThat(healed.verified()).as("no burn thread left: %s", healed.detail()).isTrue();
        absent(yaml, patchOnApi0MeasuredOnApi1());
    }

    @Test
    void memoryBalloonIsMeasuredAsRssGrowth() throws Exception {
        String yaml = "{action: memory_balloon, mib: 24}";
        Verification healed = injectCheckHeal(yaml, api(0), v -> {
            assertThat(v.verified()).as(v.detail()).isTrue();
            assertThat(v.probe().path("rss_growth_mib").asDouble()).as("RSS growth (MiB) for 24 asked").isBetween(19.0, 40.0);
        });
        assertThat(healed.verified()).as("a released heap cannot be seen in RSS: %s", healed.detail()).isFalse();
        assertThat(healed.probe().path("unobservable").asText()).as("the reason").contains("not returned to the OS");
        absent(yaml, patchOnApi0MeasuredOnApi1());
    }

    @Test
    void anOomIsTimedFromTheObservedDeathNotFromThePut() throws Exception {
        Fault f = fault("{action: memory_balloon, untilOom: true, mib: 1024, mibPerSecond: 256}", api(0));
        long put = Micros.now(Clock.systemUTC());
        Verification v = f.inject();
        try {
            System.out.println("PROBE oom: " + v.probe() + " | " + v.detail());
            assertThat(v.verified()).as(v.detail()).isTrue();
            assertThat(v.probe().path("exit_code").asInt()).as("the backend's OOM exit code").isEqualTo(3);
            assertThat(v.notBeforeUs()).as("lower end: last seen alive, after the PUT").isGreaterThan(put);
            assertThat(v.effectUs() - v.notBeforeUs()).as("death window (us)").isBetween(0L, 50_000L);
            assertThat(v.probe().path("died_after_put_ms").asDouble()).as("the OOM came after the balloon grew (ms)")
                    .isGreaterThan(50.0);
        } finally {
            assertThat(f.heal().verified()).as("restarted after the OOM").isTrue();
        }
    }

    @Test
    void aBehaviourPatchEndingInDeathIsTimedFromTheObservedDeathToo() throws Exception {
        Fault f = fault("{action: behaviour, truth: down, patch: {memoryBalloon: {untilOom: true, mibPerSecond: 256}}}", api(0));
        long put = Micros.now(Clock.systemUTC());
        Verification v = f.inject();
        try {
            System.out.println("PROBE behaviour oom: " + v.probe() + " | " + v.detail());
            assertThat(v.verified()).as(v.detail()).isTrue();
            assertThat(v.notBeforeUs()).as("lower end: last seen alive, after the PUT").isGreaterThan(put);
            assertThat(v.effectUs() - v.notBeforeUs()).as("death window (us)").isBetween(0L, 50_000L);
        } finally {
            assertThat(f.heal().verified()).as("restarted after the OOM").isTrue();
        }
    }

    @Test
    void errorsAreMeasuredAsAShareOfRealRequestsWithItsInterval() throws Exception {
        String yaml = "{action: errors, rate: 50%, status: 503}";
        Verification healed = injectCheckHeal(yaml, api(0), v -> {
            assertThat(v.verified()).as(v.detail()).isTrue();
            assertThat(v.probe().path("ci_low").asDouble()).as("interval contains 0.5").isLessThanOrEqualTo(0.5);
            assertThat(v.probe().path("ci_high").asDouble()).as("interval contains 0.5").isGreaterThanOrEqualTo(0.5);
        });
        assertThat(healed.verified()).as(healed.detail()).isTrue();
        assertThat(healed.probe().path("errors").asInt()).as("no error after the heal").isZero();
        absent(yaml, patchOnApi0ProbedOnApi1());
    }

    @Test
    void slowHealthFailAndCapacityAreSeenInRealRequests() throws Exception {
        Verification slow = injectCheckHeal("{action: slow, latency: 250ms}", api(0), v -> {
            assertThat(v.verified()).as(v.detail()).isTrue();
            assertThat(v.probe().path("min_ms").asDouble()).as("fastest data answer (ms) for 250 asked").isBetween(245.0, 600.0);
        });
        assertThat(slow.verified()).as(slow.detail()).isTrue();
        absent("{action: slow, latency: 250ms}", patchOnApi0ProbedOnApi1());

        Verification health = injectCheckHeal("{action: health_fail, status: 500}", api(0), v -> {
            assertThat(v.verified()).as(v.detail()).isTrue();
            assertThat(v.probe().path("health_status").asInt()).as("health status seen").isEqualTo(500);
        });
        assertThat(health.verified()).as(health.detail()).isTrue();
        absent("{action: health_fail, status: 500}", patchOnApi0ProbedOnApi1());

        Verification capacity = injectCheckHeal("{action: capacity, maxConcurrency: 1, serviceTime: 100ms}", api(0), v -> {
            assertThat(v.verified()).as(v.detail()).isTrue();
            assertThat(v.probe().path("rejected").asInt()).as("rejected of a burst of 2").isEqualTo(1);
            assertThat(v.probe().path("slowest_ms").asDouble()).as("the admitted one took the service time").isGreaterThanOrEqualTo(98.0);
        });
        assertThat(capacity.verified()).as(capacity.detail()).isTrue();
        absent("{action: capacity, maxConcurrency: 1, serviceTime: 100ms}", patchOnApi0ProbedOnApi1());
    }

    @Test
    void aBehaviourPatchIsObservedSectionBySection() throws Exception {
        String yaml = "{action: behaviour, patch: {warmup: {duration: 5s, latency: 200ms}, health: {path: /ready}}}";
        Verification healed = injectCheckHeal(yaml, api(0), v -> {
            assertThat(v.verified()).as(v.detail()).isTrue();
            assertThat(v.probe().path("warmup").asBoolean()).as("warm-up latency seen").isTrue();
            assertThat(v.probe().path("health").asBoolean()).as("health answer on /ready seen").isTrue();
        });
        assertThat(healed.verified()).as(healed.detail()).isTrue();
        absent(yaml, patchOnApi0ProbedOnApi1());
        absent("{action: behaviour, patch: {cpuBurn: {threads: 1, share: 0.1}}}", api(0));
    }

    @Test
    void aGatewayConfigChangeIsReadBackWithAGet() throws Exception {
        String yaml = "{action: gateway_config, patch: {clusters: [{name: api, healthCheck: {interval: 250ms}}]}}";
        Verification healed = injectCheckHeal(yaml, api(0), v -> {
            assertThat(v.verified()).as(v.detail()).isTrue();
            String interval = v.probe().path("read_back").path("clusters").get(0).path("healthCheck").path("interval").asText();
            assertThat(dev.gauntlet.harness.scenario.Durations.parseOrNull(interval)).as("interval read back: %s", interval)
                    .isEqualTo(Duration.ofMillis(250));
        });
        assertThat(healed.verified()).as(healed.detail()).isTrue();
    }

    @Test
    void aCrashIsStampedWhenProcSawTheProcessDie() throws Exception {
        Fault f = fault("{action: crash}", api(1));
        long called = Micros.now(Clock.systemUTC());
        Verification v = f.inject();
        try {
            assertThat(v.verified()).as(v.detail()).isTrue();
            assertThat(v.probe().path("death_seen").asBoolean()).as("death seen in /proc").isTrue();
            assertThat(v.effectUs() - called).as("stamp after the kill began (us)").isBetween(0L, 2_000_000L);
        } finally {
            assertThat(f.heal().verified()).as("restart answers").isTrue();
        }
    }
}
