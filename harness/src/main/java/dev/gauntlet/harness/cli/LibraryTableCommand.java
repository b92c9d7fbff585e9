package dev.gauntlet.harness.cli;

import dev.gauntlet.harness.runtime.ProjectHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code library-table [--suite full] [--gate-dir DIR] [--rerun DIR ...]}: writes the results table of
 * {@code scenarios/README.md} (between {@code <!-- results:begin -->} and {@code <!-- results:end -->}) from the newest
 * gate run of the suite; a scenario re-run later in another gate run ({@code --rerun}) takes that run's row, and the
 * table says so.
 *
 * <pre>{@code
 * ./run.sh gate scenarios/suites/full.yaml; ./run.sh library-table
 * ./run.sh gate fixed.yaml; ./run.sh library-table --rerun runs/gates/20261126-130000-fixed
 * }</pre>
 */
@Command(name = "library-table", mixinStandardHelpOptions = true, description = "Write the library's results table into scenarios/README.md from a gate run.")
final class LibraryTableCommand implements Callable<Integer> {

    @Option(names = "--suite", paramLabel = "NAME", defaultValue = "full", description = "the suite whose newest gate run"
            + " is read (default: full)")
    String suite;

    @Option(names = "--gate-dir", paramLabel = "DIR", description = "a gate directory (default: the newest runs/gates/*-SUITE)")
    Path gateDir;

    @Option(names = "--rerun", paramLabel = "DIR", description = "a later gate directory whose scenarios replace their rows")
    List<Path> reruns = new java.util.ArrayList<>();

    @Override
    public Integer call() throws IOException {
        Path dir = gateDir != null ? gateDir : newest(Scenarios.runsDir().resolve("gates"), suite);
        List<Path> dirs = new java.util.ArrayList<>();
        dirs.add(dir);
        dirs.addAll(reruns);
        for (Path d : dirs) {
            if (d == null || !Files.isRegularFile(d.resolve("gate.json"))) {
                System.err.println((d == null ? "runs/gates/*-" + suite : d) + ": (file): no gate.json (expected: a finished"
                        + " gate run, e.g. ./run.sh gate scenarios/suites/" + suite + ".yaml)");
                return GauntletMain.EXIT_BAD_INPUT;
            }
        }
        Path readme = ProjectHome.scenariosDir().resolve("README.md");
        List<LibraryTable.Row> rows = LibraryTable.rows(dirs, ProjectHome.scenariosDir());
        String summary = LibraryTable.summary(dirs, rows);
        Files.writeString(readme, LibraryTable.replaceBetweenMarkers(Files.readString(readme),
                LibraryTable.render(rows, summary)));
        System.out.println(summary);
        System.out.println("table: " + readme);
        return rows.stream().allMatch(LibraryTable.Row::asDesigned) ? GauntletMain.EXIT_PASS : GauntletMain.EXIT_FAIL;
    }

    /** The newest {@code <stamp>-<suite>} (or {@code <stamp>-<suite>-N}) directory holding a gate.json. */
    static Path newest(Path gates, String suite) throws IOException {
        if (!Files.isDirectory(gates)) {
            return null;
        }
        try (Stream<Path> s = Files.list(gates)) {
            return s.filter(p -> p.getFileName().toString().matches("\\d{8}-\\d{6}-" + java.util.regex.Pattern.quote(suite)
                            + "(-\\d+)?") && Files.isRegularFile(p.resolve("gate.json")))
                    .max(Comparator.comparing(p -> p.getFileName().toString())).orElse(null);
        }
    }
}
