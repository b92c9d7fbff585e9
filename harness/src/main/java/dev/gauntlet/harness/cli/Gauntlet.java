package dev.gauntlet.harness.cli;

import dev.gauntlet.harness.gate.RunOutputs;
import dev.gauntlet.harness.run.ScenarioRunner;
import dev.gauntlet.harness.runtime.ProjectHome;
import dev.gauntlet.harness.scenario.Scenario;
import dev.gauntlet.report.run.CheckResult;
import dev.gauntlet.report.run.Result;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Gauntlet as a library: load a scenario exactly as {@code ./run.sh run} does (overrides, gateway kind, the one-line
 * errors as {@link dev.gauntlet.harness.scenario.ScenarioInvalidException}) and run it. What the JUnit extension
 * ({@code gauntlet-junit}) calls; anything else that embeds Gauntlet may too.
 *
 * <pre>{@code
 * Gauntlet.Run run = Gauntlet.run("scenarios/backend-hang.yaml", List.of("load.rate=20/s"), "builtin",
 *         Path.of("target/gauntlet-runs"), System.out);
 * if (!run.passed()) System.out.println(String.join("\n", run.failureLines()));
 * }</pre>
 */
public final class Gauntlet {

    private Gauntlet() {
    }

    /**
     * @param runDir   the run directory (null when the run stopped before it had one)
     * @param exitCode what {@code ./run.sh run} would exit with: 0 pass, 1 a check failed, 3 a part failed
     * @param result   the scored result (null when the run stopped before load began)
     */
    public record Run(Path runDir, int exitCode, Result result) {

        public boolean passed() {
            return exitCode == GauntletMain.EXIT_PASS;
        }

        /** One line per check that did not pass: {@code fail availability: 91.2% (expected >= 99.0%): reason}. */
        public List<String> failureLines() {
            if (result == null) {
                return List.of("no result: the run stopped before load began (exit " + exitCode + "); see " + runDir);
            }
            return result.checks().stream().filter(c -> !Result.PASS.equals(c.verdict())).map(Gauntlet::line).toList();
        }
    }

    static String line(CheckResult c) {
        return c.verdict() + " " + c.name() + ": " + (c.measured() == null ? "not measured" : c.measured())
                + " (expected " + c.expected() + ")" + (c.reason() == null ? "" : ": " + c.reason());
    }

    /**
     * Loads {@code scenario} (a library name, a file, or a file relative to the project directory) with
     * {@code overrides} ({@code path=value}) and gateway kind {@code gateway} (null: the file's), runs it with
     * its run directory under {@code runsDir}, and prints Gauntlet's progress lines to {@code out}.
     */
    public static Run run(String scenario, List<String> overrides, String gateway, Path runsDir, PrintStream out) {
        Scenario s = Scenarios.loader().load(locate(scenario), Scenarios.withGateway(overrides, gateway));
        ScenarioRunner.RunOutcome outcome = new ScenarioRunner(runsDir, out).run(s);
        int code = outcome.result() == null ? GauntletMain.EXIT_PART_FAILED : RunOutputs.exitCode(outcome.result());
        return new Run(outcome.runDir(), code, outcome.result());
    }

    /** A path as given when it exists, else relative to the project directory (a build's working dir is its module). */
    private static String locate(String scenario) {
        if (Files.isRegularFile(Path.of(scenario))) {
            return scenario;
        }
        Path inProject = ProjectHome.root().resolve(scenario);
        return Files.isRegularFile(inProject) ? inProject.toString() : scenario;
    }
}
