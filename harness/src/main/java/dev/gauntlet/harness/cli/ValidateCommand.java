package dev.gauntlet.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.harness.gate.SuiteConfig;
import dev.gauntlet.harness.gate.SuiteLoader;
import dev.gauntlet.harness.scenario.Scenario;
import dev.gauntlet.harness.scenario.ScenarioInvalidException;
import dev.gauntlet.harness.scenario.StrictYaml;
import dev.gauntlet.harness.sweep.SweepConfig;
import dev.gauntlet.harness.sweep.SweepLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code validate <file>...}: checks scenario, suite and sweep files (a file with {@code scenarios:} is a suite,
 * with {@code parameters:} too a sweep; every scenario they name is loaded with its settings); one line per
 * file; exit 2 if any is invalid.
 */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "Validate scenario, suite and sweep files.")
final class ValidateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE")
    List<String> files;

    @Override
    public Integer call() {
        int code = GauntletMain.EXIT_PASS;
        for (String file : files) {
            try {
                System.out.println("ok  " + file + " (" + validate(file) + ")");
            } catch (ScenarioInvalidException e) {
                System.err.println(e.getMessage());
                code = GauntletMain.EXIT_BAD_INPUT;
            }
        }
        return code;
    }

    private static String validate(String file) {
        Path path = Path.of(file);
        JsonNode tree = Files.isRegularFile(path) ? StrictYaml.read(path) : null;
        if (tree != null && tree.isObject() && tree.has("scenarios")) {
            if (tree.has("parameters")) {
                SweepConfig sweep = new SweepLoader(Scenarios.loader()).load(path);
                return "sweep " + sweep.name();
            }
            SuiteConfig suite = new SuiteLoader(Scenarios.loader()).load(path);
            return "suite " + suite.name() + ", " + suite.entries().size() + " scenarios";
        }
        Scenario s = Scenarios.loader().load(file, List.of());
        return s.name();
    }
}
