package dev.gauntlet.report.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.report.RunFixture;
import dev.gauntlet.report.run.Metrics;
import dev.gauntlet.report.run.Result;
import dev.gauntlet.report.run.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two literal run directories side by side: the same charts for each, the metrics with B − A. */
class CompareRendererTest {

    @TempDir
    Path dir;

    /** Run B: the standard run, better on availability (0.99 vs 0.96) and with the new metrics known. */
    private RunDirectory better(Path root) {
        Result a = RunFixture.result();
        Metrics m = a.metrics();
        Metrics improved = new Metrics(0.0, 0.0, 0.99, m.p50Ms(), m.p90Ms(), m.p99Ms(), 800.0, m.requests(),
                m.achievedRatePerSec(), m.targetRatePerSec(), m.causes(), m.phases(), 1L, 2.5, 1.004, 1.2, 3.4, 2200.0);
        Result b = new Result(a.scenario(), "20261126-103000-one-of-three-crashes", Result.PASS, 91.0, a.scoreFormula(),
                a.checks(), improved, a.faults());
        return RunFixture.write(root, RunFixture.manifest(true, false), RunFixture.timeline(), RunFixture.view(),
                RunFixture.requests(), b);
    }

    @Test
    void rendersBothRunsWithTheSameChartsAndTheDifferences() throws IOException {
        RunDirectory a = RunFixture.standard(dir.resolve("a"));
        RunDirectory b = better(dir.resolve("b"));

        Path html = CompareRenderer.render(a, b, dir.resolve("compare.html"));

        String page = Files.readString(html);
        assertThat(Pattern.compile("data:image/png;base64,").matcher(page).results().count())
                .as("three charts for each run, embedded").isEqualTo(6);
        assertThat(page).as("both runs named").contains("A · 20261126-101500-one-of-three-crashes",
                "B · 20261126-101500-one-of-three-crashes");
        assertThat(page).as("availability 96% → 99%: +3 percentage points, better")
                .contains("<td>availability</td><td class=\"num\">96.00%</td><td class=\"num\">99.000%</td>"
                        + "<td class=\"num\">+3.000 pp</td><td class=\"better\">better</td>");
        assertThat(page).as("avoidable NHU 2000 ms → 0 ms is better")
                .contains("<td>avoidable NHU</td><td class=\"num\">2000 ms</td><td class=\"num\">0 ms</td>"
                        + "<td class=\"num\">−2000 ms</td><td class=\"better\">better</td>");
        assertThat(page).as("a metric A did not have is unknown, not a difference")
                .contains("<td>retry amplification</td><td class=\"num\">unknown</td><td class=\"num\">1.004</td>"
                        + "<td class=\"num\">unknown</td><td class=\"unknown\">unknown</td>");
        assertThat(page).as("score").contains("<td>resilience score</td><td class=\"num\">72.5</td>"
                + "<td class=\"num\">91.0</td><td class=\"num\">+18.5</td><td class=\"better\">better</td>");
        assertThat(page).as("checks side by side").contains("<td>phase.fault.p99_latency</td>");
    }

    @Test
    void aRunWithoutResultOrViewIsShownWithUnknowns() throws IOException {
        RunDirectory a = RunFixture.standard(dir.resolve("a"));
        RunDirectory b = RunFixture.write(dir.resolve("b"), RunFixture.manifest(false, true), RunFixture.timeline(),
                List.of(), RunFixture.requests(), null);

        String page = Files.readString(CompareRenderer.render(a, b, dir.resolve("out").resolve("c.html")));

        assertThat(page).as("says why B is not scored").contains("result.json is missing");
        assertThat(page).as("B's score unknown").contains("<td>resilience score</td><td class=\"num\">72.5</td>"
                + "<td class=\"num\">unknown</td>");
        assertThat(page).as("checks of A, none of B").contains("not checked");
    }

    @Test
    void theDefaultFileNameNamesBothRuns() {
        assertThat(CompareRenderer.fileName(new RunDirectory(Path.of("runs/x-1")), new RunDirectory(Path.of("runs/y-2"))))
                .isEqualTo("compare-x-1-vs-y-2.html");
    }
}
