package dev.gauntlet.harness.cli;

import dev.gauntlet.harness.runtime.ProjectHome;
import dev.gauntlet.harness.sweep.SessionExecutor;
import dev.gauntlet.harness.sweep.SweepConfig;
import dev.gauntlet.harness.sweep.SweepLoader;
import dev.gauntlet.harness.sweep.SweepRunner;
import dev.gauntlet.harness.sweep.TrialExecutor;
import dev.gauntlet.report.sweep.SweepReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sweep <file> [--resume [--sweep-dir DIR]]}: runs scenarios over a space of gateway settings and
 * recommends one. Exit 0 a point meets every constraint (the recommendation), 1 none does, 2 a bad sweep
 * file, 3 a run could not be carried out (the sweep so far is kept; continue it with {@code --resume}).
 *
 * <pre>{@code
 * ./run.sh sweep scenarios/sweeps/health-check-tuning.yaml
 * ./run.sh sweep health-check-tuning --resume               # after Ctrl-C: only the unfinished runs
 * ./run.sh sweep health-check-tuning --mode fresh           # a new topology per run instead of PUT /admin/config
 * }</pre>
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, description = "Tune gateway settings: run scenarios over a grid or random search, report and recommend.")
final class SweepCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SWEEP_FILE", description = "a sweep file, e.g. scenarios/sweeps/health-check-tuning.yaml")
    Path file;

    @Option(names = "--resume", description = "continue the newest unfinished sweep of this file (skips finished runs)")
    boolean resume;

    @Option(names = "--sweep-dir", paramLabel = "DIR", description = "with --resume: the sweep directory to continue")
    Path sweepDir;

    @Option(names = "--mode", paramLabel = "MODE", description = "override the file's mode: fresh (a new topology per run) "
            + "or reconfigure (one topology per scenario, settings changed by PUT /admin/config)")
    String mode;

    @Option(names = "--runtime", paramLabel = "RUNTIME", description = "run every trial with this runtime: local or containers")
    String runtime;

    @Option(names = "--gateway", paramLabel = "KIND", description = "the gateway under test: builtin (ours), envoy,"
            + " haproxy, nginx, caddy, ... (see README, Gateway kinds); overrides gateway.kind of every scenario")
    String gateway;

    @Option(names = "--sweeps-dir", paramLabel = "DIR", description = "where sweep directories go (default: runs/sweeps/)")
    Path sweepsDir;

    @Override
    public Integer call() {
        // A bare name means a file of the sweep library, as a bare scenario name means one of the scenario library.
        Path located = Files.isRegularFile(file) ? file : ProjectHome.scenariosDir().resolve("sweeps").resolve(
                file.toString().endsWith(".yaml") ? file.toString() : file + ".yaml");
        if (!Files.isRegularFile(located)) {
            throw new IllegalArgumentException(file + ": (file): not found (expected: a sweep file)");
        }
        SweepConfig sweep = new SweepLoader(Scenarios.loader()).load(located);
        if (mode != null) {
            if (!mode.equals(SweepConfig.FRESH) && !mode.equals(SweepConfig.RECONFIGURE)) {
                throw new IllegalArgumentException("--mode: " + mode + " (expected: fresh or reconfigure)");
            }
            sweep = sweep.withMode(mode);
        }
        if (runtime != null) {
            sweep = sweep.withRuntime(runtime);
        }
        if (gateway != null) {
            sweep = sweep.withOverride(Scenarios.gatewayOverride(gateway));
        }
        Path root = sweepsDir != null ? sweepsDir : Scenarios.runsDir().resolve("sweeps");
        Path resumeDir = null;
        if (resume) {
            resumeDir = sweepDir != null ? sweepDir : SweepRunner.latest(root, sweep.name());
            if (resumeDir == null) {
                throw new IllegalArgumentException(located.getFileName() + ": --resume: no sweep directory of "
                        + sweep.name() + " in " + root + " (expected: a sweep started before)");
            }
        }
        try (TrialExecutor executor = SweepConfig.RECONFIGURE.equals(sweep.mode()) ? new SessionExecutor()
                : TrialExecutor.fresh()) {
            SweepRunner.Outcome outcome = new SweepRunner(Scenarios.loader(), root, System.out, executor).run(sweep, resumeDir);
            SweepReport report = outcome.report();
            System.out.println("recommendation: " + report.recommendationText());
            if (report.comparison() != null) {
                System.out.println("comparison: " + report.comparison().statement());
            }
            if (report.recommendationYaml() != null) {
                System.out.print(report.recommendationYaml().indent(2));
            }
            System.out.println("wall time: " + (report.wallTimeMs() / 1000) + " s for " + report.trialsDone() + "/"
                    + report.trialsTotal() + " point-trials");
            System.out.println("report: " + outcome.html());
            if (outcome.stopped()) {
                return GauntletMain.EXIT_PART_FAILED;
            }
            return report.recommendedIndex() != null ? GauntletMain.EXIT_PASS : GauntletMain.EXIT_FAIL;
        }
    }
}
