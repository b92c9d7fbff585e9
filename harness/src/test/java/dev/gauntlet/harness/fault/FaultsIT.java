package dev.gauntlet.harness.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gauntlet.harness.runtime.ChildRegistry;
import dev.gauntlet.harness.runtime.PartsRuntime;
import dev.gauntlet.harness.runtime.Nftables;
import dev.gauntlet.harness.scenario.FaultStep;
import dev.gauntlet.harness.scenario.Scenario;
import dev.gauntlet.harness.scenario.ScenarioLoader;
import dev.gauntlet.harness.topology.EndpointPlan;
import dev.gauntlet.harness.topology.Topology;
import dev.gauntlet.harness.topology.TopologyPlanner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every fault of the registry against real parts — Toxiproxy, fake-backend processes, our gateway,
 * nftables — verified by its independent probe when injected and healed, and after healing the
 * gateway serves from that backend again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultsIT {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    static Path tmp;

    private PartsRuntime runtime;
    private Topology topology;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void startTopology() throws Exception {
        Path file = Files.writeString(tmp.resolve("faults.yaml"), """
                name: faults
                gateway:
                  config:
                    healthCheck: { path: /health, interval: 300ms, timeout: 200ms, unhealthyThreshold: 2, healthyThreshold: 1 }
                backends:
                  - { pool: api, replicas: 2, behaviour: { latency: { fixed: 1ms } } }
                load: { rate: 1/s, duration: 10s }
                """);
        Scenario scenario = new ScenarioLoader(tmp, (s, r) -> { }, (m, e) -> { }).load(file.toString(), List.of());
        // kept under target/ so the parts' logs can be read after a failure
        String runId = "faults-it-" + runtimeKind() + "-" + System.currentTimeMillis();
        Path runDir = Path.of("target", runId).toAbsolutePath();
        runtime = PartsRuntime.create(runtimeKind(), runId, runDir, ChildRegistry.open(runDir));
        topology = new TopologyPlanner().plan(scenario, runtime.placement());
        runtime.start(topology);
    }

    /** The runtime the parts run in; {@link FaultsContainersIT} runs every case again in containers. */
    String runtimeKind() {
        return "local";
    }

    @AfterAll
    void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    private Fault fault(String yaml) throws Exception {
        ObjectNode params = (ObjectNode) YAML.readTree(yaml);
        FaultStep step = new FaultStep(0, Duration.ZERO, params.path("action").asText(), "api", List.of(0), null, params);
        EndpointPlan endpoint = topology.endpoint("api", 0).orElseThrow();
        return FaultRegistry.standard().create(step, new FaultContext(runtime, endpoint, Clock.systemUTC(), "/health"));
    }

    /** The gateway serves from api-0 again (round robin reaches it within a few requests). */
    private void awaitGatewayServesFromApi0() {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (int i = 0; i < 4; i++) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(runtime.gateway().baseUrl() + "/x"))
                        .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.headers().firstValue("x-backend-id").orElse("").equals("api-0")) {
                    return true;
                }
            }
            return false;
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{action: crash}",
            "{action: hang}",
            "{action: refuse}",
            "{action: blackhole}",
            "{action: latency, latency: 300ms, jitter: 20ms}",
            "{action: bandwidth, rate: 1}",
            "{action: slicer, averageSize: 4, sizeVariation: 2, delayUs: 2000}",
            "{action: reset_peer, timeout: 0ms}",
            "{action: limit_data, bytes: 4}",
            "{action: slow_close, delay: 200ms}",
            "{action: firewall_drop}",
            "{action: packet_loss, rate: 30%}",
            "{action: health_fail, status: 500}",
            "{action: health_fail, auth: true}",
            "{action: health_fail, latency: 400ms}",
            "{action: errors, rate: 50%, status: 503}",
            "{action: slow, latency: 250ms}",
            "{action: cpu_burn, threads: 1, share: 1.0}",
            "{action: memory_balloon, mib: 16}",
            "{action: capacity, maxConcurrency: 1, serviceTime: 100ms}",
            "{action: behaviour, patch: {warmup: {duration: 5s, latency: 50ms}}}",
            "{action: gateway_config, patch: {clusters: [{name: api, healthCheck: {path: /wrong, interval: 250ms}}]}}",
    })
    void faultIsVerifiedWhenInjectedAndHealed(String yaml) throws Exception {
        if (yaml.contains("firewall_drop") || yaml.contains("packet_loss")) {
            String why = Nftables.unavailableReason(runtimeKind().equals("containers"));
            Assumptions.assumeTrue(why == null, "packet faults unavailable: " + why);
        }
        Fault fault = fault(yaml);

        Verification injected = fault.inject();
        Verification healed;
        try {
            System.out.println("FAULT " + yaml + " inject: " + injected.detail()); // the figures for the record
            assertThat(injected.verified()).as("inject verified: %s", injected.detail()).isTrue();
            assertThat(injected.effectUs()).as("effect time recorded").isPositive();
            if (yaml.contains("hang")) {
                // the stamp is where the freeze was seen, so it must be seen: SIGSTOP's T state in /proc locally, the
                // cgroup freezer's FROZEN for a paused container (its threads stay in S), not only the silence after
                assertThat(injected.probe().path("threads_stopped").asBoolean())
                        .as("the freeze itself was observed: %s", injected.detail()).isTrue();
            }
        } finally {
            healed = fault.heal(); // heal even when an inject assertion fails, so one fault cannot spoil the rest
            System.out.println("FAULT " + yaml + " heal: " + healed.detail());
        }
        if (yaml.contains("memory_balloon")) {
            // a released heap stays resident: /proc cannot show the heal, so it is recorded unverified with the reason
            assertThat(healed.verified()).as("balloon release is not observable: %s", healed.detail()).isFalse();
            assertThat(healed.probe().path("unobservable").asText()).as("the reason").isNotEmpty();
        } else {
            assertThat(healed.verified()).as("heal verified: %s", healed.detail()).isTrue();
        }
        assertThat(healed.effectUs()).as("heal stamped when its probe ended, after the inject's").isGreaterThan(injected.effectUs());
        awaitGatewayServesFromApi0();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{action: memory_balloon, untilOom: true, mib: 1024, mibPerSecond: 256}"})
    void memoryBalloonUntilOomIsARealCrashHealedByARestart(String yaml) throws Exception {
        Fault fault = fault(yaml);
        Verification injected = fault.inject();
        assertThat(injected.verified()).as(injected.detail()).isTrue();
        assertThat(injected.detail()).contains("OutOfMemoryError");
        assertThat(runtime.backend("api-0").isAlive()).isFalse();

        assertThat(fault.heal().verified()).isTrue();
        awaitGatewayServesFromApi0();
    }
}
