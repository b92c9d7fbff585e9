package dev.gauntlet.harness.gate;

import dev.gauntlet.report.run.CheckResult;
import dev.gauntlet.report.run.Result;
import dev.gauntlet.report.run.RunDirectory;
import dev.gauntlet.report.text.Display;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The gate's {@code summary.md}, fit for a CI step summary: the gate's verdict and exit code, one row per
 * scenario (verdict, trials and seeds, mean score, links to each run's report), then each scenario's checks
 * with what was measured (with trials: the mean and its 95% interval) against what was expected.
 *
 * <pre>{@code
 * GateSummary.write(gateDir.resolve("summary.md"), gateDir, suite, outcomes, 0, null);
 * }</pre>
 */
final class GateSummary {

    private GateSummary() {
    }

    static void write(Path file, Path gateDir, SuiteConfig suite, List<GateRunner.ScenarioOutcome> done, int exit,
                      String stopped) {
        try {
            Files.writeString(file, render(gateDir, suite, done, exit, stopped), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static String render(Path gateDir, SuiteConfig suite, List<GateRunner.ScenarioOutcome> done, int exit,
                         String stopped) {
        long failed = done.stream().filter(s -> Result.FAIL.equals(s.gated().verdict())).count();
        long unknown = done.stream().filter(s -> Result.UNKNOWN.equals(Display.verdict(s.gated().verdict()))).count();
        long passed = done.size() - failed - unknown;
        String overall = exit == GateRunner.EXIT_PASS ? Result.PASS : failed > 0 ? Result.FAIL : Result.UNKNOWN;
        StringBuilder md = new StringBuilder();
        md.append("## ").append(Display.verdictEmoji(overall)).append(" Gauntlet gate `").append(suite.name())
                .append("`: ").append(done.size()).append(done.size() == 1 ? " scenario" : " scenarios").append(" — ")
                .append(passed).append(" passed, ").append(failed).append(" failed, ").append(unknown)
                .append(" unknown · exit code ").append(exit).append("\n\n");
        md.append("Suite `").append(suite.file()).append("`, ").append(suite.trials())
                .append(suite.trials() == 1 ? " trial" : " trials").append(" per scenario.");
        if (suite.trials() > 1) {
            md.append(" Numeric checks are judged on the 95% Student-t confidence interval of the mean over the trials:"
                    + " `>=` on its lower end, `<=` on its upper end. Other checks fail if any trial failed.");
        }
        md.append(" An unknown check fails the gate unless the scenario has `allowUnknown: true`.\n\n");
        if (stopped != null) {
            md.append("**Stopped:** a run could not be carried out: ").append(cell(stopped)).append("\n\n");
        }
        md.append("| scenario | verdict | trials (seeds) | score | runs |\n|---|---|---|---:|---|\n");
        for (GateRunner.ScenarioOutcome s : done) {
            String runs = s.runDirs().stream().map(d -> "[" + d.getFileName() + "](" + link(gateDir, d) + ")")
                    .collect(Collectors.joining(" "));
            md.append("| ").append(cell(s.entry().label())).append(" | ").append(Display.verdictEmoji(s.gated().verdict()))
                    .append(' ').append(Display.verdict(s.gated().verdict())).append(" | ").append(s.seeds().isEmpty() ? "not run"
                    : s.seeds().size() + " (" + s.seeds().stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + ")").append(" | ").append(Display.score(s.gated().score())).append(" | ").append(runs).append(" |\n");
        }
        for (GateRunner.ScenarioOutcome s : done) {
            md.append("\n### ").append(Display.verdictEmoji(s.gated().verdict())).append(' ').append(cell(s.entry().label()));
            md.append(" (`").append(s.entry().scenario().replace("`", "'")).append("`");
            if (!s.entry().overrides().isEmpty()) {
                md.append(", ").append(s.entry().overrides().stream().map(o -> "`--set " + o.replace("`", "'") + "`")
                        .collect(Collectors.joining(" ")));
            }
            if (!s.entry().adaptations().isEmpty()) {
                md.append("; **adapted for the gateway, not as written:** ").append(s.entry().adaptations().stream()
                        .map(o -> "`--set " + o.replace("`", "'") + "`").collect(Collectors.joining(" ")));
            }
            md.append(")\n\n| | check | measured | expected | reason |\n|---|---|---|---|---|\n");
            for (CheckResult c : s.gated().checks()) {
                md.append("| ").append(Display.verdictEmoji(c.verdict())).append(" | `")
                        .append(Display.text(c.name()).replace("`", "'")).append("` | ").append(cell(Display.text(c.measured())))
                        .append(" | ").append(cell(Display.text(c.expected()))).append(" | ")
                        .append(cell(c.reason() == null ? "" : c.reason())).append(" |\n");
            }
        }
        return md.toString();
    }

    private static String link(Path gateDir, Path runDir) {
        Path report = runDir.resolve(RunDirectory.REPORT).toAbsolutePath();
        return gateDir.toAbsolutePath().relativize(report).toString().replace(" ", "%20").replace(")", "%29");
    }

    /** A table cell: pipes would end the cell and newlines the row. */
    private static String cell(String s) {
        return s.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }
}
