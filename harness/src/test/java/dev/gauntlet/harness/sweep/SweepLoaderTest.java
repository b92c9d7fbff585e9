package dev.gauntlet.harness.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gauntlet.harness.fault.FaultRegistry;
import dev.gauntlet.harness.scenario.ScenarioInvalidException;
import dev.gauntlet.harness.scenario.ScenarioLoader;
import dev.gauntlet.harness.score.Expectation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepLoaderTest {

    private static final Path SCENARIOS = Path.of("..", "scenarios");

    private static SweepLoader loader() {
        return new SweepLoader(new ScenarioLoader(SCENARIOS, FaultRegistry.standard()::validate, Expectation::parse));
    }

    private static final String VALID = """
            name: tune
            trials: 2
            scenarios:
              - { scenario: one-of-three-crashes, label: crash, set: { load.duration: 40s } }
            parameters:
              healthCheck.interval: [500ms, 1s]
              gateway.config.healthCheck.unhealthyThreshold: { from: 2, to: 4, step: 1 }
            objective: { minimise: detection_time, statistic: p95 }
            constraints: { false_ejections_per_min: "<= 0.1", availability: ">= 99.9%" }
            """;

    @Test
    void everyExampleSweepLoads() throws IOException {
        try (Stream<Path> files = Files.list(SCENARIOS.resolve("sweeps"))) {
            List<Path> sweeps = files.filter(f -> f.toString().endsWith(".yaml")).toList();
            assertThat(sweeps).as("the library has an example sweep").isNotEmpty();
            for (Path f : sweeps) {
                SweepConfig s = loader().load(f);
                assertThat(SearchSpace.points(s)).as(f + " has points").isNotEmpty();
            }
        }
    }

    @Test
    void readsParametersObjectiveAndConstraints(@TempDir Path dir) throws IOException {
        SweepConfig s = loader().load(Files.writeString(dir.resolve("tune.yaml"), VALID));

        assertThat(s.parameters()).as("the gateway.config prefix is optional")
                .extracting(SweepParameter::path).containsExactly("healthCheck.interval", "healthCheck.unhealthyThreshold");
        assertThat(SearchSpace.points(s)).as("2 intervals × thresholds 2, 3, 4").hasSize(6);
        assertThat(SearchSpace.points(s).get(1).overrides()).as("values become --set overrides")
                .containsExactly("gateway.config.healthCheck.interval=\"500ms\"", "gateway.config.healthCheck.unhealthyThreshold=3");
        assertThat(s.objective()).as("objective").isEqualTo(new Objective(SweepMetric.DETECTION_TIME, "p95", true));
        assertThat(s.constraints()).as("bare and compared limits")
                .containsExactly(new Constraint(SweepMetric.FALSE_EJECTIONS_PER_MIN, "<=", 0.1),
                        new Constraint(SweepMetric.AVAILABILITY, ">=", 99.9));
        assertThat(s.heatmapX()).as("heatmap defaults to the first two parameters").isEqualTo("healthCheck.interval");
        assertThat(s.fingerprint()).as("a fingerprint for --resume").hasSize(64);
    }

    @Test
    void randomSearchIsReproducibleFromTheSeed(@TempDir Path dir) throws IOException {
        String random = VALID.replace("{ from: 2, to: 4, step: 1 }", "{ from: 2, to: 9 }")
                + "search: { mode: random, samples: 5 }\nseed: 7\n";
        SweepConfig s = loader().load(Files.writeString(dir.resolve("tune.yaml"), random));

        assertThat(SearchSpace.points(s)).as("5 distinct draws").hasSize(5)
                .isEqualTo(SearchSpace.points(loader().load(dir.resolve("tune.yaml"))));
        assertThat(SearchSpace.points(s)).as("integers within the range").allSatisfy(p ->
                assertThat(p.settings().get("healthCheck.unhealthyThreshold").asInt()).isBetween(2, 9));
    }

    @Test
    void aBadConstraintIsOneLineNamingFileFieldAndRule(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("tune.yaml"), VALID.replace("\"<= 0.1\"", "\"<= often\""));

        assertThatThrownBy(() -> loader().load(f)).as("the one error format").isInstanceOf(ScenarioInvalidException.class)
                .hasMessage("tune.yaml: constraints.false_ejections_per_min: <= often (expected: [<=|<|>=|>] a number like 0.5)");
    }

    @Test
    void anUnknownMetricListsTheKnownOnes(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("tune.yaml"), VALID.replace("minimise: detection_time", "minimise: speed"));

        assertThatThrownBy(() -> loader().load(f)).as("names the known metrics")
                .hasMessageStartingWith("tune.yaml: objective.minimise: speed (expected: one of detection_time,");
    }

    @Test
    void aGridRangeNeedsAStep(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("tune.yaml"), VALID.replace(", step: 1", ""));

        assertThatThrownBy(() -> loader().load(f)).as("grid without step")
                .hasMessageContaining("parameters.healthCheck.unhealthyThreshold.step: missing");
    }

    @Test
    void aScenarioThatDoesNotLoadWithAPointFailsBeforeAnythingRuns(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("tune.yaml"), VALID.replace("load.duration: 40s", "load.duration: soon"));

        assertThatThrownBy(() -> loader().load(f)).as("the scenario's own error, placed in the sweep")
                .isInstanceOf(ScenarioInvalidException.class)
                .hasMessageContaining("tune.yaml: scenarios[crash] at interval=500ms")
                .hasMessageContaining("load.duration");
    }
}
