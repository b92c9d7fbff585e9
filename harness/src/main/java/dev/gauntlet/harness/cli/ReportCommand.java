package dev.gauntlet.harness.cli;

import dev.gauntlet.harness.gate.RunOutputs;
import dev.gauntlet.report.run.Result;
import dev.gauntlet.report.run.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code report <run-dir>}: re-score and re-render a run from its saved directory alone. */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Re-score and re-render a saved run directory.")
final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN_DIR")
    Path runDir;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(runDir.resolve(RunDirectory.MANIFEST))) {
            throw new IllegalArgumentException(runDir + ": run.json: missing (expected: a run directory made by ./run.sh run)");
        }
        RunDirectory dir = new RunDirectory(runDir);
        Result result = RunOutputs.produce(dir);
        System.out.println("verdict: " + result.verdict());
        System.out.println("report: " + runDir.resolve(RunDirectory.REPORT));
        return RunOutputs.exitCode(result);
    }
}
