package dev.gauntlet.harness.cli;

import dev.gauntlet.report.compare.CompareRenderer;
import dev.gauntlet.report.run.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code compare <run-dir-a> <run-dir-b> [--out FILE]}: both runs side by side in one HTML file (the same
 * charts for each on one time axis, the metrics with B − A, the checks of each). Reads the saved directories
 * only; re-score them first with {@code ./run.sh report} if they were scored by an older version.
 *
 * <pre>{@code
 * ./run.sh compare runs/20261126-101500-one-of-three-crashes runs/20261126-103000-one-of-three-crashes
 * # compare: runs/compare-20261126-101500-one-of-three-crashes-vs-20261126-103000-one-of-three-crashes.html
 * }</pre>
 */
@Command(name = "compare", mixinStandardHelpOptions = true, description = "Render two runs side by side into one HTML file.")
final class CompareCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN_DIR_A")
    Path a;

    @Parameters(index = "1", paramLabel = "RUN_DIR_B")
    Path b;

    @Option(names = "--out", paramLabel = "FILE", description = "the HTML file (default: runs/compare-<a>-vs-<b>.html)")
    Path out;

    @Override
    public Integer call() {
        for (Path dir : new Path[] {a, b}) {
            if (!Files.isRegularFile(dir.resolve(RunDirectory.MANIFEST))) {
                System.err.println(dir + ": run.json: missing (expected: a run directory made by ./run.sh run)");
                return GauntletMain.EXIT_BAD_INPUT;
            }
        }
        RunDirectory ra = new RunDirectory(a);
        RunDirectory rb = new RunDirectory(b);
        Path file = out != null ? out : Scenarios.runsDir().resolve(CompareRenderer.fileName(ra, rb));
        System.out.println("compare: " + CompareRenderer.render(ra, rb, file));
        return GauntletMain.EXIT_PASS;
    }
}
