package dev.gauntlet.harness.cli;

import dev.gauntlet.harness.gate.ExpectedVerdicts;
import dev.gauntlet.harness.gate.GateRunner;
import dev.gauntlet.harness.gate.ScenarioExecutor;
import dev.gauntlet.harness.gate.SuiteConfig;
import dev.gauntlet.harness.gate.SuiteEntry;
import dev.gauntlet.harness.gate.SuiteLoader;
import dev.gauntlet.harness.runtime.ProjectHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gate <suite.yaml> [--trials N] [--gateway KIND] [--expected-verdicts FILE]}: the CI gate. Runs every scenario of the suite one after another and
 * writes {@code junit.xml}, {@code summary.md} and {@code gate.json} into {@code runs/gates/<stamp>-<suite>/}.
 * Exit 0 every check passed, 1 a check failed or could not be decided (unless the suite allows unknown),
 * 2 a bad suite file (one line: file, field path, value, rule), 3 a run could not be carried out.
 *
 * <pre>{@code
 * ./run.sh gate scenarios/suites/ci.yaml
 * ./run.sh gate ci --trials 3        # each scenario 3 times, seeds seed..seed+2, judged on 95% intervals
 * ./run.sh gate ci --gateway nginx --expected-verdicts scenarios/suites/expected/nginx.yaml
 *                                    # nginx's verdicts by design: its adaptations (set:) and refusals
 * }</pre>
 */
@Command(name = "gate", mixinStandardHelpOptions = true, description = "Run a suite of scenarios as a CI gate: junit.xml, summary.md, exit code.")
final class GateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SUITE", description = "a suite file, or a name from scenarios/suites/")
    Path file;

    @Option(names = "--trials", paramLabel = "N", description = "runs per scenario with different seeds (default: the"
            + " suite's trials, else 1); numeric checks are then judged on their 95% confidence interval")
    Integer trials;

    @Option(names = "--runtime", paramLabel = "RUNTIME", description = "run every scenario with this runtime: local or"
            + " containers (default: each scenario's own, local unless it says otherwise)")
    String runtime;

    @Option(names = "--gateway", paramLabel = "KIND", description = "the gateway under test: builtin (ours), envoy,"
            + " haproxy, nginx, caddy, ... (see README, Gateway kinds); overrides gateway.kind of every scenario")
    String gateway;

    @Option(names = "--expected-verdicts", paramLabel = "FILE", description = "the verdicts the gateway gives by design"
            + " (scenarios/suites/expected/<kind>.yaml): the gate passes when every verdict is the expected one")
    Path expectedVerdicts;

    @Option(names = "--gates-dir", paramLabel = "DIR", description = "where gate directories go (default: runs/gates/)")
    Path gatesDir;

    @Override
    public Integer call() {
        Path located = Files.isRegularFile(file) ? file : ProjectHome.scenariosDir().resolve("suites").resolve(
                file.toString().endsWith(".yaml") ? file.toString() : file + ".yaml");
        if (!Files.isRegularFile(located)) {
            System.err.println(file + ": (file): not found (expected: a suite file, or a name from scenarios/suites/)");
            return GauntletMain.EXIT_BAD_INPUT;
        }
        if (trials != null && (trials < 1 || trials > SuiteConfig.MAX_TRIALS)) {
            System.err.println("--trials: " + trials + " (expected: an integer from 1 to " + SuiteConfig.MAX_TRIALS + ")");
            return GauntletMain.EXIT_BAD_INPUT;
        }
        SuiteConfig suite = new SuiteLoader(Scenarios.loader()).load(located); // a bad file: exit 2 by GauntletMain
        if (trials != null) {
            suite = suite.withTrials(trials);
        }
        if (runtime != null) {
            suite = suite.withOverride("runtime=" + runtime);
        }
        if (gateway != null) {
            suite = suite.withOverride(Scenarios.gatewayOverride(gateway));
        }
        // every scenario with every override, checked before the first runs (a kind's refusals included, except
        // those an expected-verdicts file declares by design: they are judged as the gate's first results)
        ExpectedVerdicts verdicts = null;
        if (expectedVerdicts != null) {
            if (!Files.isRegularFile(expectedVerdicts)) {
                System.err.println(expectedVerdicts + ": (file): not found (expected: an expected-verdicts file,"
                        + " e.g. scenarios/suites/expected/<kind>.yaml)");
                return GauntletMain.EXIT_BAD_INPUT;
            }
            verdicts = ExpectedVerdicts.load(expectedVerdicts);
            suite = verdicts.adapt(suite);
            verdicts.checkAgainst(gateway, verdicts.loadAll(suite, Scenarios.loader()));
        } else {
            for (SuiteEntry entry : suite.entries()) {
                Scenarios.loader().load(entry.scenario(), entry.runOverrides());
            }
        }
        Path root = gatesDir != null ? gatesDir : Scenarios.runsDir().resolve("gates");
        GateRunner.Outcome outcome = new GateRunner(Scenarios.loader(), root, System.out, ScenarioExecutor.processes())
                .expecting(verdicts).run(suite);
        if (outcome.stoppedBecause() != null) {
            System.err.println("could not start: " + outcome.stoppedBecause());
        }
        System.out.println("gate: " + (outcome.exitCode() == GauntletMain.EXIT_PASS ? "pass" : "fail")
                + " (exit " + outcome.exitCode() + ")");
        System.out.println("junit: " + outcome.junit());
        System.out.println("summary: " + outcome.summary());
        return outcome.exitCode();
    }
}
