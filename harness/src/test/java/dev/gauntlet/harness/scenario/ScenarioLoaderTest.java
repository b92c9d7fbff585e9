package dev.gauntlet.harness.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gauntlet.harness.fault.FaultRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioLoaderTest {

    private static final String VALID = """
            name: crash-demo
            description: one crashes
            backends:
              - pool: api
                replicas: 3
                behaviour: { latency: { fixed: 5ms } }
            load: { rate: 200/s, duration: 60s, path: /api/items }
            faults:
              - { at: 35s, target: "api[0]", action: restart }
              - { at: 15s, target: "api[0]", action: crash }
              - { at: 20s, target: "api[1..2]", action: latency, latency: 200ms, for: 5s }
            expect:
              availability: ">= 99%"
            """;

    @TempDir
    Path dir;

    private ScenarioLoader loader() {
        FaultRegistry faults = FaultRegistry.standard();
        return new ScenarioLoader(dir, faults::validate, (metric, expression) -> {
            if (!metric.equals("availability")) {
                throw new IllegalArgumentException(metric + " (expected: a known metric)");
            }
        });
    }

    private Path write(String name, String yaml) throws IOException {
        return Files.writeString(dir.resolve(name), yaml);
    }

    private String errorOf(String yaml, String... overrides) throws IOException {
        Path file = write("bad.yaml", yaml);
        try {
            loader().load(file.toString(), List.of(overrides));
        } catch (ScenarioInvalidException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected the scenario to be rejected");
    }

    @Test
    void readsAValidScenarioWithDefaultsAndSortedFaults() throws IOException {
        write("crash-demo.yaml", VALID);
        Scenario s = loader().load("crash-demo", List.of());
        assertThat(s.seed()).as("a missing seed is fixed so the run can be replayed").isEqualTo(42);
        assertThat(s.resolved().path("seed").asLong()).as("the resolved tree carries the seed").isEqualTo(42);
        assertThat(s.load().ratePerSec()).isEqualTo(200.0);
        assertThat(s.load().duration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.faults()).extracting(FaultStep::action).as("steps are ordered by time")
                .containsExactly("crash", "latency", "restart");
        FaultStep latency = s.faults().get(1);
        assertThat(latency.targets()).containsExactly(1, 2);
        assertThat(latency.lasting()).isEqualTo(Duration.ofSeconds(5));
        assertThat(latency.params().path("latency").asText()).isEqualTo("200ms");
        assertThat(latency.params().has("at")).as("step fields are not parameters").isFalse();
    }

    @Test
    void overridesAreAppliedBeforeValidation() throws IOException {
        write("crash-demo.yaml", VALID);
        Scenario s = loader().load("crash-demo", List.of("load.rate=50/s", "faults[1].at=10s",
                "gateway.config.healthCheck.interval=500ms"));
        assertThat(s.load().ratePerSec()).isEqualTo(50.0);
        assertThat(s.faults().get(0).at()).as("faults[1] in file order is the crash").isEqualTo(Duration.ofSeconds(10));
        assertThat(s.gateway().cluster().path("healthCheck").path("interval").asText()).isEqualTo("500ms");
    }

    @Test
    void negativeFaultTimeNamesFileFieldValueAndRule() throws IOException {
        assertThat(errorOf(VALID.replace("at: 15s", "at: -5s")))
                .isEqualTo("bad.yaml: faults[1].at: -5s (expected: a duration like 250ms, 1s, 1.5s or 2m)");
    }

    @Test
    void faultAfterTheLoadEndsIsRejected() throws IOException {
        assertThat(errorOf(VALID.replace("at: 35s", "at: 90s")))
                .isEqualTo("bad.yaml: faults[0].at: 90s (expected: < load.duration (60000ms))");
    }

    @Test
    void unknownPoolAndOutOfRangeIndexAreRejected() throws IOException {
        assertThat(errorOf(VALID.replace("\"api[0]\", action: crash", "\"web[0]\", action: crash")))
                .isEqualTo("bad.yaml: faults[1].target: web[0] (expected: a pool of backends: api)");
        assertThat(errorOf(VALID.replace("\"api[0]\", action: crash", "\"api[3]\", action: crash")))
                .isEqualTo("bad.yaml: faults[1].target: api[3] (expected: indices from 0 to 2)");
    }

    @Test
    void unknownActionListsTheKnownOnes() throws IOException {
        assertThat(errorOf(VALID.replace("action: crash", "action: explode")))
                .startsWith("bad.yaml: faults[1].action: explode (expected: one of ")
                .contains("crash", "restart", "latency", "packet_loss").endsWith(")");
    }

    @Test
    void badRateAndTypoedFieldsAreRejected() throws IOException {
        assertThat(errorOf(VALID.replace("rate: 200/s", "rate: fast")))
                .isEqualTo("bad.yaml: load.rate: fast (expected: a rate like 200/s, from 0.1/s to 20000/s)");
        assertThat(errorOf(VALID.replace("replicas: 3", "replica: 3")))
                .isEqualTo("bad.yaml: backends[0].replica: unknown field (expected: one of behaviour, dns, pool, replicas)");
        assertThat(errorOf(VALID.replace("latency: 200ms", "latency: soon")))
                .isEqualTo("bad.yaml: faults[2].latency: soon (expected: a duration like 250ms, 1s, 1.5s or 2m)");
    }

    @Test
    void badExpectationKeepsTheOneFormat() throws IOException {
        assertThat(errorOf(VALID.replace("availability: \">= 99%\"", "throughput: lots")))
                .isEqualTo("bad.yaml: expect.throughput: throughput (expected: a known metric)");
    }

    @Test
    void badOverrideAndBrokenYamlAreOneLine() throws IOException {
        assertThat(errorOf(VALID, "load.rate")).isEqualTo("bad.yaml: --set: load.rate (expected: path=value)");
        assertThat(errorOf(VALID, "faults[9].at=1s")).isEqualTo("bad.yaml: faults[9].at: faults[9] (expected: an existing list element)");
        assertThat(errorOf("name: [unclosed")).startsWith("bad.yaml: (file): ").doesNotContain("\n");
        assertThatThrownBy(() -> loader().load("no-such-scenario", List.of()))
                .hasMessage("no-such-scenario: (file): not found (expected: a scenario file, or a name from ./run.sh list)");
    }
}
