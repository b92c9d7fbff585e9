package dev.gauntlet.harness.gate;

import dev.gauntlet.harness.run.ScenarioRunner;
import dev.gauntlet.harness.runtime.ChildRegistry;
import dev.gauntlet.harness.scenario.Scenario;
import dev.gauntlet.harness.scenario.ScenarioInvalidException;
import dev.gauntlet.harness.scenario.ScenarioLoader;
import dev.gauntlet.harness.score.Scorer;
import dev.gauntlet.report.ci.JunitWriter;
import dev.gauntlet.report.run.CheckResult;
import dev.gauntlet.report.run.Result;
import dev.gauntlet.report.run.RunDirectory;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a gate suite, scenario after scenario (and trial after trial), and writes the gate directory:
 *
 * <pre>
 * suite ─► per entry: load scenario ─► trial t: seed + t ─► ScenarioExecutor ─► run dir (result.json)
 *                                                                  └─► Scorer.checkValues ─┐
 *        per expect line: GateJudge over the trials ◄─────────────────────────────────────┘
 *   ─► runs/gates/&lt;stamp&gt;-&lt;suite&gt;/ junit.xml, summary.md, gate.json, runs/&lt;run-id&gt;/...
 * </pre>
 *
 * <pre>{@code
 * GateRunner.Outcome o = new GateRunner(loader, Path.of("runs/gates"), System.out, ScenarioExecutor.processes())
 *         .run(new SuiteLoader(loader).load(Path.of("scenarios/suites/ci.yaml")));
 * System.exit(o.exitCode());   // 0 all pass, 1 a check failed or unknown, 3 a run could not be carried out
 * }</pre>
 *
 * A run that cannot be carried out stops the gate (exit 3); what ran until then is still written.
 */
public final class GateRunner {

    public static final String GATE_JSON = "gate.json";
    public static final String RUNS = "runs";
    public static final int EXIT_PASS = 0;
    public static final int EXIT_FAIL = 1;
    public static final int EXIT_PART_FAILED = 3;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final ScenarioLoader loader;
    private final Path gatesRoot;
    private final PrintStream out;
    private final ScenarioExecutor executor;
    private ExpectedVerdicts expected;

    /** One suite entry as gated: its runs and the synthetic result whose checks are the gate's verdicts. */
    public record ScenarioOutcome(SuiteEntry entry, List<Long> seeds, List<Path> runDirs, Result gated) {
    }

    /** What the gate wrote and how it ended. */
    public record Outcome(Path gateDir, Path junit, Path summary, int exitCode, String stoppedBecause,
                          List<ScenarioOutcome> scenarios) {
    }

    public GateRunner(ScenarioLoader loader, Path gatesRoot, PrintStream out, ScenarioExecutor executor) {
        this.loader = loader;
        this.gatesRoot = gatesRoot;
        this.out = out;
        this.executor = executor;
    }

    /** Judges every entry against the verdicts its gateway gives by design instead of against pass. */
    public GateRunner expecting(ExpectedVerdicts verdicts) {
        this.expected = verdicts;
        return this;
    }

    public Outcome run(SuiteConfig suite) {
        reapLeftovers();
        Path gateDir = newGateDir(suite.name());
        Path runsDir = gateDir.resolve(RUNS);
        List<ScenarioOutcome> done = new ArrayList<>();
        String stopped = null;
        int index = 0;
        for (SuiteEntry entry : suite.entries()) {
            index++;
            if (expected != null && expected.expectsRefusal(entry.label())) {
                out.printf("gate: [%d/%d] %s, expected to be refused at load%n", index, suite.entries().size(), entry.label());
                done.add(new ScenarioOutcome(entry, List.of(), List.of(), expected.judgeRefusal(entry, refusalOf(entry))));
                continue;
            }
            Scenario base = loader.load(entry.scenario(), entry.runOverrides());
            List<Result> results = new ArrayList<>();
            List<Map<String, Double>> values = new ArrayList<>();
            List<Path> dirs = new ArrayList<>();
            List<Long> seeds = new ArrayList<>();
            for (int t = 0; t < suite.trials() && stopped == null; t++) {
                long seed = base.seed() + t;
                List<String> overrides = new ArrayList<>(entry.runOverrides());
                if (suite.trials() > 1) {
                    overrides.add("seed=" + seed);
                }
                out.printf("gate: [%d/%d] %s, trial %d/%d (seed %d)%n", index, suite.entries().size(), entry.label(),
                        t + 1, suite.trials(), seed);
                try {
                    ScenarioRunner.RunOutcome run = executor.run(loader.load(entry.scenario(), overrides), runsDir, out);
                    if (run == null || run.result() == null) {
                        stopped = entry.label() + " trial " + (t + 1) + ": the run stopped before load began"
                                + (run == null ? "" : " (logs in " + run.runDir() + ")");
                        break;
                    }
                    results.add(run.result());
                    dirs.add(run.runDir());
                    seeds.add(seed);
                    values.add(Scorer.checkValues(new RunDirectory(run.runDir())));
                } catch (RuntimeException failed) { // PartStartException and anything else that kept the run from happening
                    stopped = entry.label() + " trial " + (t + 1) + ": " + failed.getMessage();
                }
            }
            if (!results.isEmpty() || stopped != null) {
                Result gated = gate(entry, base, results, values, stopped);
                done.add(new ScenarioOutcome(entry, seeds, dirs, expected == null ? gated : expected.judge(gated)));
            }
            if (stopped != null) {
                break;
            }
        }
        int exit = stopped != null ? EXIT_PART_FAILED
                : done.stream().allMatch(s -> Result.PASS.equals(s.gated().verdict())) ? EXIT_PASS : EXIT_FAIL;
        Path junit = gateDir.resolve(RunDirectory.JUNIT);
        Path summary = gateDir.resolve(RunDirectory.SUMMARY);
        JunitWriter.write(junit, done.stream().map(ScenarioOutcome::gated).toList());
        GateSummary.write(summary, gateDir, suite, done, exit, stopped);
        writeJson(gateDir.resolve(GATE_JSON), suite, done, exit, stopped);
        return new Outcome(gateDir, junit, summary, exit, stopped, List.copyOf(done));
    }

    /** The entry's result as the gate sees it: one check per expect line, judged over the trials. */
    static Result gate(SuiteEntry entry, Scenario scenario, List<Result> results, List<Map<String, Double>> values,
                       String stopped) {
        List<CheckResult> checks = new ArrayList<>();
        if (stopped != null) {
            checks.add(new CheckResult("run", Result.UNKNOWN, null, "carried out", "could not be carried out: " + stopped));
        }
        if (!results.isEmpty()) {
            scenario.expect().forEach((name, expression) -> {
                List<CheckResult> trials = results.stream().map(r -> r.checks().stream()
                        .filter(c -> name.equals(c.name())).findFirst().orElse(null)).toList();
                List<Double> numbers = values.stream().map(v -> v.get(name)).toList();
                checks.add(GateJudge.judge(name, expression, trials, numbers, entry.allowUnknown()));
            });
        }
        if (checks.isEmpty() && !results.isEmpty()) { // no expect block: the runs' own verdicts are the gate
            List<CheckResult> verdicts = results.stream().map(r -> new CheckResult("verdict", r.verdict(),
                    r.verdict(), Result.PASS, "the scenario has no checks; this is the run's verdict")).toList();
            checks.add(GateJudge.judge("verdict", Result.PASS, verdicts, List.of(), entry.allowUnknown()));
        }
        String verdict = checks.stream().anyMatch(c -> Result.FAIL.equals(c.verdict())) ? Result.FAIL
                : checks.stream().allMatch(c -> Result.PASS.equals(c.verdict())) ? Result.PASS : Result.UNKNOWN;
        Double score = results.stream().map(Result::score).allMatch(Objects::nonNull) && !results.isEmpty()
                ? Math.round(10 * results.stream().mapToDouble(Result::score).average().orElse(0)) / 10.0 : null;
        boolean single = results.size() == 1;
        String runIds = String.join(", ", results.stream().map(Result::runId).map(String::valueOf).toList());
        return new Result(entry.label(), runIds, verdict, score,
                single ? results.get(0).scoreFormula() : "mean of the trials' scores",
                checks, single ? results.get(0).metrics() : null, single ? results.get(0).faults() : List.of());
    }

    /** The one line the loader refuses the entry with (a kind's refusal), or null when it loads. */
    private String refusalOf(SuiteEntry entry) {
        try {
            loader.load(entry.scenario(), entry.runOverrides());
            return null;
        } catch (ScenarioInvalidException refused) {
            return refused.getMessage();
        }
    }

    /** Children of an earlier gate killed mid-run are reaped, as a plain run reaps those under runs/. */
    private void reapLeftovers() {
        if (!Files.isDirectory(gatesRoot)) {
            return;
        }
        try (DirectoryStream<Path> gates = Files.newDirectoryStream(gatesRoot)) {
            for (Path gate : gates) {
                for (String reaped : ChildRegistry.reapLeftovers(gate.resolve(RUNS))) {
                    out.println("reaped a leftover of a killed gate: " + reaped);
                }
            }
        } catch (IOException e) {
            out.println("gate: cannot look for leftovers in " + gatesRoot + ": " + e.getMessage());
        }
    }

    private Path newGateDir(String name) {
        String base = STAMP.format(LocalDateTime.now()) + "-" + name;
        Path dir = gatesRoot.resolve(base);
        for (int n = 2; Files.exists(dir); n++) {
            dir = gatesRoot.resolve(base + "-" + n);
        }
        try {
            Files.createDirectories(dir.resolve(RUNS));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        return dir;
    }

    private record GateJson(String suite, String file, int trials, int exitCode, String stoppedBecause,
                            List<EntryJson> scenarios) {
    }

    private record EntryJson(String label, String scenario, List<String> overrides, List<String> adaptations,
                             boolean allowUnknown, List<Long> seeds, List<String> runs, Result gated) {
    }

    private static void writeJson(Path file, SuiteConfig suite, List<ScenarioOutcome> done, int exit, String stopped) {
        List<EntryJson> entries = done.stream().map(s -> new EntryJson(s.entry().label(), s.entry().scenario(),
                s.entry().overrides(), s.entry().adaptations(), s.entry().allowUnknown(), s.seeds(),
                s.runDirs().stream().map(p -> file.toAbsolutePath().getParent().relativize(p.toAbsolutePath()).toString())
                        .toList(),
                s.gated())).toList();
        try {
            RunDirectory.JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), new GateJson(suite.name(),
                    String.valueOf(suite.file()), suite.trials(), exit, stopped, entries));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
