package dev.gauntlet.harness.sweep;

import dev.gauntlet.harness.run.ScenarioRunner;
import dev.gauntlet.harness.runtime.PartStartException;
import dev.gauntlet.harness.scenario.Scenario;
import dev.gauntlet.harness.scenario.ScenarioInvalidException;
import dev.gauntlet.harness.scenario.ScenarioLoader;
import dev.gauntlet.report.run.RunDirectory;
import dev.gauntlet.report.sweep.SweepRenderer;
import dev.gauntlet.report.sweep.SweepReport;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Runs a sweep: every point × trial × scenario as one ordinary scenario run, each kept in
 * {@code runs/sweeps/<id>/trials/}, the state saved after every run, then the analysis and {@code sweep.html}.
 *
 * <pre>
 * sweep file ─► points (grid | random) ─► for point, trial, scenario: load with overrides ─► TrialExecutor
 *     ─► TrialRun (scored again from its run dir, false ejections) ─► sweep.json
 *     ─► SweepAnalysis ─► sweep-result.json, sweep.html (Pareto, heatmap, table, recommendation)
 * </pre>
 *
 * <pre>{@code
 * SweepRunner.Outcome o = new SweepRunner(loader, Path.of("runs/sweeps"), System.out, TrialExecutor.fresh())
 *         .run(sweep, null);           // or the directory of an interrupted sweep to resume it
 * o.report().recommendedIndex();
 * }</pre>
 *
 * The progress line before each run: points done / total, runs done / total, elapsed, and the estimated
 * remaining time from this session's average run. Scenario runs write their own lines to {@code sweep.log}.
 */
public final class SweepRunner {

    private static final java.time.Duration RETRY_PAUSE = java.time.Duration.ofSeconds(10);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final ScenarioLoader loader;
    private final Path sweepsDir;
    private final PrintStream out;
    private final TrialExecutor executor;
    private final Clock clock;

    /** Where the sweep's files are and what it concluded. */
    public record Outcome(Path sweepDir, SweepReport report, Path html, boolean stopped) {
    }

    public SweepRunner(ScenarioLoader loader, Path sweepsDir, PrintStream out, TrialExecutor executor) {
        this(loader, sweepsDir, out, executor, Clock.systemUTC());
    }

    SweepRunner(ScenarioLoader loader, Path sweepsDir, PrintStream out, TrialExecutor executor, Clock clock) {
        this.loader = loader;
        this.sweepsDir = sweepsDir;
        this.out = out;
        this.executor = executor;
        this.clock = clock;
    }

    /** The newest directory of a sweep with this name, for {@code --resume}; null when there is none. */
    public static Path latest(Path sweepsDir, String name) {
        if (!Files.isDirectory(sweepsDir)) {
            return null;
        }
        try (Stream<Path> dirs = Files.list(sweepsDir)) {
            return dirs.filter(d -> d.getFileName().toString().matches("\\d{8}-\\d{6}-" + name))
                    .filter(d -> Files.exists(d.resolve(SweepState.FILE)))
                    .max(java.util.Comparator.comparing(d -> d.getFileName().toString())).orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs what is left of the sweep. {@code resumeDir} null starts a new sweep directory; otherwise its
     * {@code sweep.json} must belong to the same sweep file (same fingerprint), and finished runs are skipped.
     */
    public Outcome run(SweepConfig sweep, Path resumeDir) {
        List<SweepPoint> points = SearchSpace.points(sweep);
        Path dir;
        SweepState state;
        if (resumeDir != null) {
            dir = resumeDir;
            state = SweepState.read(dir);
            if (!state.fingerprint().equals(sweep.fingerprint())) {
                throw new ScenarioInvalidException(sweep.source().getFileName().toString(), "(file)",
                        "changed since " + dir + " was started", "the same sweep file to --resume (or start anew)");
            }
            points = state.points();
        } else {
            dir = sweepsDir.resolve(STAMP.format(LocalDateTime.now(clock)) + "-" + sweep.name());
            state = new SweepState(sweep.name(), sweep.source().toAbsolutePath().toString(), sweep.fingerprint(),
                    points, List.of(), 0);
            state.write(dir);
        }
        int total = points.size() * sweep.trials() * sweep.scenarios().size();
        int already = state.trials().size();
        out.printf(Locale.ROOT, "sweep %s: %d points × %d trials × %d scenarios = %d runs (%s search, %s mode)%s%n",
                sweep.name(), points.size(), sweep.trials(), sweep.scenarios().size(), total, sweep.search(),
                sweep.mode(), already > 0 ? "; resuming with " + already + " done" : "");
        out.println("sweep directory: " + display(dir));
        long sessionStart = clock.millis();
        long baseElapsed = state.elapsedMs();
        int ranThisSession = 0;
        boolean stopped = false;
        try (PrintStream log = new PrintStream(new FileOutputStream(dir.resolve("sweep.log").toFile(), true), true)) {
            for (Step step : order(sweep, points)) {
                SweepPoint p = step.point();
                int t = step.trial();
                SweepScenario sc = step.scenario();
                if (state.done(p.index(), t, sc.label())) {
                    continue;
                }
                long sessionMs = clock.millis() - sessionStart;
                progress(state, points, sweep, total, baseElapsed + sessionMs,
                        ranThisSession == 0 ? null : sessionMs / ranThisSession, p, t, sc);
                long seed = sweep.seed() + t;
                Scenario scenario = loader.load(sc.scenario(), SweepLoader.trialOverrides(sc, p, seed));
                log.println("=== point " + p.index() + " (" + p.label() + ") trial " + t + " " + sc.label());
                ScenarioRunner.RunOutcome outcome = runOnce(scenario, dir.resolve("trials"), log);
                if (outcome.aborted() || outcome.result() == null) {
                    // Ctrl-C or a run that never got going: not a measurement. Leave it to --resume.
                    out.println("    run aborted (" + display(outcome.runDir()) + "); the sweep stops here,"
                            + " continue it with --resume");
                    stopped = true;
                    break;
                }
                String relative = dir.relativize(outcome.runDir()).toString();
                TrialRun run = TrialRun.measure(p.index(), t, sc.label(), seed,
                        new RunDirectory(outcome.runDir()), relative, outcome.aborted(), sc.goodTruth());
                ranThisSession++;
                state = state.with(run, baseElapsed + clock.millis() - sessionStart);
                state.write(dir);
                out.println("    " + summary(run));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        state = state.withElapsed(baseElapsed + clock.millis() - sessionStart);
        state.write(dir);
        SweepReport report = SweepAnalysis.analyse(sweep, points, state.trials(), state.elapsedMs());
        new RunDirectory(dir).writeJson("sweep-result.json", report);
        Path html = SweepRenderer.render(report, dir);
        return new Outcome(dir, report, html, stopped);
    }

    /** One run to make: a point, a trial, a scenario. */
    private record Step(SweepPoint point, int trial, SweepScenario scenario) {
    }

    /**
     * Fresh runs go trial by trial, so an interrupted sweep has every point measured about equally often.
     * Reconfigure runs go scenario by scenario, so one topology serves every point and trial of a scenario.
     */
    static List<Step> order(SweepConfig sweep, List<SweepPoint> points) {
        List<Step> steps = new java.util.ArrayList<>();
        if (SweepConfig.RECONFIGURE.equals(sweep.mode())) {
            for (SweepScenario sc : sweep.scenarios()) {
                for (int t = 0; t < sweep.trials(); t++) {
                    for (SweepPoint p : points) {
                        steps.add(new Step(p, t, sc));
                    }
                }
            }
        } else {
            for (int t = 0; t < sweep.trials(); t++) {
                for (SweepPoint p : points) {
                    for (SweepScenario sc : sweep.scenarios()) {
                        steps.add(new Step(p, t, sc));
                    }
                }
            }
        }
        return steps;
    }

    /**
     * One run, with a second chance when a part fails to start: over a long sweep on a shared machine a port
     * taken a moment ago or a jar being rebuilt is likelier than a setting the gateway refuses. A second
     * failure stops the sweep (exit 3); what was measured is kept for --resume.
     */
    private ScenarioRunner.RunOutcome runOnce(Scenario scenario, Path trialsDir, PrintStream log) {
        try {
            return quietly(scenario, trialsDir, log);
        } catch (PartStartException first) {
            out.println("    could not start (" + first.getMessage() + "); trying once more in "
                    + RETRY_PAUSE.toSeconds() + " s");
            try {
                Thread.sleep(RETRY_PAUSE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw first;
            }
            return quietly(scenario, trialsDir, log);
        }
    }

    /** Gatling prints its summary to System.out; in a sweep it goes to sweep.log with the run's own lines. */
    private ScenarioRunner.RunOutcome quietly(Scenario scenario, Path trialsDir, PrintStream log) {
        PrintStream console = System.out;
        System.setOut(log);
        try {
            return executor.run(scenario, trialsDir, log);
        } finally {
            System.setOut(console);
        }
    }

    private void progress(SweepState state, List<SweepPoint> points, SweepConfig sweep, int total, long elapsedMs,
                          Long perRunMs, SweepPoint p, int trial, SweepScenario sc) {
        int runsPerPoint = sweep.trials() * sweep.scenarios().size();
        long pointsDone = points.stream()
                .filter(pt -> state.trials().stream().filter(r -> r.point() == pt.index()).count() >= runsPerPoint)
                .count();
        int done = state.trials().size();
        String remaining = perRunMs == null ? "estimating" : "~" + minutes((total - done) * perRunMs) + " left";
        out.printf(Locale.ROOT, "[points %d/%d · runs %d/%d · %s elapsed · %s] point %d (%s) trial %d/%d %s%n",
                pointsDone, points.size(), done, total, minutes(elapsedMs), remaining, p.index(), p.label(),
                trial + 1, sweep.trials(), sc.label());
    }

    private static String summary(TrialRun r) {
        StringBuilder s = new StringBuilder("→ ");
        if (!r.detectionMs().isEmpty()) {
            s.append("detection ").append(r.detectionMs().stream()
                    .map(d -> String.format(Locale.ROOT, "%.0f", d)).toList()).append(" ms, ");
        }
        s.append("false ejections ").append(r.falseEjections());
        if (r.requests() > 0) {
            s.append(String.format(Locale.ROOT, ", availability %.2f%%", 100.0 * r.availableRequests() / r.requests()));
        }
        return s.append(r.aborted() ? " (aborted)" : "").append("  ").append(r.runDir()).toString();
    }

    static String minutes(long ms) {
        long s = Math.max(0, ms) / 1000;
        return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }

    private static String display(Path path) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = path.toAbsolutePath();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }
}
