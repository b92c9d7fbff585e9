package dev.gauntlet.harness.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.harness.fault.FaultRegistry;
import dev.gauntlet.harness.scenario.ScenarioLoader;
import dev.gauntlet.harness.score.Expectation;
import dev.gauntlet.report.run.RunDirectory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A two-point sweep in reconfigure mode through real parts (about 30 s): one topology serves both points,
 * the second point's interval arrives through PUT /admin/config, and a resumed finished sweep runs nothing.
 */
class SweepIT {

    private static final String SWEEP = """
            name: it-sweep
            trials: 1
            mode: reconfigure
            set: { load.rate: 50/s, load.duration: 6s, gateway.config.outlierDetection.enabled: false }
            scenarios:
              - scenario: one-of-three-crashes
                label: crash
                set:
                  name: it-crash
                  faults: [ { at: 1500ms, target: "api[0]", action: crash }, { at: 4500ms, target: "api[0]", action: restart } ]
            parameters:
              healthCheck.interval: [300ms, 600ms]
            objective: { minimise: detection_time, statistic: mean }
            """;

    @TempDir
    Path tmp;

    @Test
    void reconfiguresOneTopologyBetweenPointsAndResumesWithoutRerunning() throws Exception {
        Path file = Files.writeString(tmp.resolve("it-sweep.yaml"), SWEEP);
        ScenarioLoader scenarios = new ScenarioLoader(Path.of("..", "scenarios"), FaultRegistry.standard()::validate,
                Expectation::parse);
        SweepConfig sweep = new SweepLoader(scenarios).load(file);
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        SweepRunner.Outcome outcome;
        try (TrialExecutor executor = new SessionExecutor()) {
            outcome = new SweepRunner(scenarios, tmp.resolve("sweeps"), new PrintStream(console, true), executor)
                    .run(sweep, null);
        }

        List<Path> runs = list(outcome.sweepDir().resolve("trials"));
        assertThat(runs).as("one run directory per point").hasSize(2);
        assertThat(runs.stream().map(r -> new RunDirectory(r).gatewayConfig()
                .path("clusters").get(0).path("healthCheck").path("interval").asText()))
                .as("the gateway reported each point's interval").containsExactlyInAnyOrder("300ms", "600ms");
        assertThat(list(outcome.sweepDir().resolve("sessions"))).as("one topology served both points").hasSize(1);
        assertThat(outcome.report().points()).as("both points measured a detection").allSatisfy(p ->
                assertThat(p.metrics().get("detection_time").n()).isEqualTo(1));
        assertThat(outcome.report().recommendedIndex()).as("the faster interval wins").isEqualTo(0);
        assertThat(outcome.html()).as("the report").exists();
        assertThat(outcome.sweepDir().resolve("charts/pareto.png")).as("the Pareto chart").exists();

        ByteArrayOutputStream again = new ByteArrayOutputStream();
        try (TrialExecutor executor = new SessionExecutor()) {
            new SweepRunner(scenarios, tmp.resolve("sweeps"), new PrintStream(again, true), executor)
                    .run(sweep, outcome.sweepDir());
        }
        assertThat(again.toString()).as("resume finds everything done").contains("resuming with 2 done");
        assertThat(list(outcome.sweepDir().resolve("trials"))).as("and runs nothing again").hasSize(2);
    }

    private static List<Path> list(Path dir) throws java.io.IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }
}
