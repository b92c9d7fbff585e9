package dev.gauntlet.harness.gate;

import dev.gauntlet.harness.score.Scorer;
import dev.gauntlet.report.ci.JunitWriter;
import dev.gauntlet.report.ci.SummaryWriter;
import dev.gauntlet.report.html.ReportRenderer;
import dev.gauntlet.report.run.Result;
import dev.gauntlet.report.run.RunDirectory;
import java.util.List;
import java.util.Map;

/**
 * Everything derived from a run directory: scored {@code result.json}, {@code report.html} with its
 * charts, {@code junit.xml} and {@code summary.md}. Used at the end of a run and by
 * {@code ./run.sh report <run-dir>}, which therefore reproduces them from the saved data alone.
 */
public final class RunOutputs {

    private RunOutputs() {
    }

    public static Result produce(RunDirectory dir) {
        Result result = Scorer.score(dir);
        dir.writeResult(result);
        ReportRenderer.render(dir);
        JunitWriter.write(dir.file(RunDirectory.JUNIT), List.of(result));
        SummaryWriter.write(dir.file(RunDirectory.SUMMARY), List.of(result), Map.of(result.scenario(), RunDirectory.REPORT));
        return result;
    }

    /** Exit code of a run: 0 every check passed; 1 a check failed or could not be decided. */
    public static int exitCode(Result result) {
        return Result.PASS.equals(result.verdict()) ? 0 : 1;
    }
}
