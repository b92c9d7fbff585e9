package dev.gauntlet.harness.sweep;

import dev.gauntlet.harness.run.ScenarioRunner;
import dev.gauntlet.harness.scenario.Scenario;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Carries out one run of a sweep trial and says where its run directory is. The plain executor starts a
 * fresh topology for every run ({@link ScenarioRunner#run}); tests substitute one that copies fixtures.
 *
 * <pre>{@code
 * TrialExecutor fresh = TrialExecutor.fresh();
 * ScenarioRunner.RunOutcome outcome = fresh.run(scenario, sweepDir.resolve("trials"), log);
 * }</pre>
 */
@FunctionalInterface
public interface TrialExecutor extends AutoCloseable {

    /** Runs the scenario; a part that cannot start throws PartStartException. */
    ScenarioRunner.RunOutcome run(Scenario scenario, Path trialsDir, PrintStream log);

    /** Releases whatever the executor keeps between runs (nothing, for fresh runs). */
    @Override
    default void close() {
    }

    static TrialExecutor fresh() {
        return (scenario, trialsDir, log) -> new ScenarioRunner(trialsDir, log).run(scenario);
    }
}
