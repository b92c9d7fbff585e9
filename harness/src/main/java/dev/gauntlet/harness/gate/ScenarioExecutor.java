package dev.gauntlet.harness.gate;

import dev.gauntlet.harness.run.ScenarioRunner;
import dev.gauntlet.harness.scenario.Scenario;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * How the gate carries out one scenario run: for real through {@link ScenarioRunner}, or, in tests of the gate's
 * bookkeeping, by writing a literal run directory.
 *
 * <pre>{@code
 * ScenarioExecutor real = ScenarioExecutor.processes();
 * ScenarioRunner.RunOutcome outcome = real.run(scenario, Path.of("runs/gates/20261126-101500-ci/runs"), System.out);
 * }</pre>
 *
 * An executor throws {@link dev.gauntlet.harness.runtime.PartStartException} (or returns an outcome without a
 * result) when the run could not be carried out; the gate then stops with exit code 3.
 */
@FunctionalInterface
public interface ScenarioExecutor {

    ScenarioRunner.RunOutcome run(Scenario scenario, Path runsDir, PrintStream out);

    /** Real processes, real load, real faults: one {@link ScenarioRunner} per run. */
    static ScenarioExecutor processes() {
        return (scenario, runsDir, out) -> new ScenarioRunner(runsDir, out).run(scenario);
    }
}
