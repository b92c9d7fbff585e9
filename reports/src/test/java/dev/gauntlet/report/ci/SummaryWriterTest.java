package dev.gauntlet.report.ci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.report.RunFixture;
import dev.gauntlet.report.run.CheckResult;
import dev.gauntlet.report.run.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryWriterTest {

    @TempDir
    Path tmp;

    @Test
    void summaryHasAKeyMetricsRowAndEveryCheckWithItsSymbol() throws Exception {
        Path file = tmp.resolve("summary.md");
        Result r = RunFixture.result();

        SummaryWriter.write(file, List.of(r), Map.of(r.runId(), "runs/x/report.html"));

        String md = Files.readString(file);
        assertThat(md).as("headline counts").startsWith("## ❌ Gauntlet: 1 scenario — 0 passed, 1 failed, 0 unknown");
        assertThat(md).as("overview row with key metrics and report link")
                .contains("| one-of-three-crashes | ❌ fail | 72.5 | 2000 ms | 2000 ms (bound 2000–3000 ms, inside: yes) "
                        + "| 88.00% | 96.00% | [report](runs/x/report.html) |");
        assertThat(md).as("failed check").contains("| ❌ | `avoidable_nhu` | 2000 ms | 0s |");
        assertThat(md).as("passed check").contains("| ✅ | `detection_time` | 2000 ms | <= bound |");
        assertThat(md).as("unknown check with reason").contains("| ❔ | `availability` | unknown | >= 99.0% | no view was observed |");
    }

    @Test
    void unknownMetricsAreShownAsUnknownNotZero() {
        String md = SummaryWriter.render(List.of(RunFixture.resultWithNullMetrics()), Map.of());

        assertThat(md).as("row of unknowns")
                .contains("| one-of-three-crashes | ❔ unknown | unknown | unknown | 2000 ms (bound 2000–3000 ms, inside: yes) | unknown | unknown |  |");
        assertThat(md).as("headline").contains("0 passed, 0 failed, 1 unknown");
    }

    @Test
    void pipesAndNewlinesInTextCannotBreakTheTable() {
        Result r = new Result("s", "r", Result.FAIL, null, null,
                List.of(new CheckResult("c", Result.FAIL, "a|b", "x", "line1\nline2 | more")), null, List.of());

        String md = SummaryWriter.render(List.of(r), Map.of());

        assertThat(md).as("escaped cell").contains("| ❌ | `c` | a\\|b | x | line1 line2 \\| more |");
    }

    @Test
    void appendAddsToWhatEarlierStepsWrote() throws Exception {
        Path file = tmp.resolve("step-summary.md");
        Files.writeString(file, "earlier step\n");

        SummaryWriter.append(file, List.of(RunFixture.result()), Map.of());

        assertThat(Files.readString(file)).as("kept and added").startsWith("earlier step\n## ❌ Gauntlet");
    }
}
