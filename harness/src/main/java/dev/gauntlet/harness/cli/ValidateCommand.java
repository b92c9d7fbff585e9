package dev.gauntlet.harness.cli;

import dev.gauntlet.harness.scenario.Scenario;
import dev.gauntlet.harness.scenario.ScenarioInvalidException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code validate <file>...}: checks scenario files; one line per file; exit 2 if any is invalid. */
@Command(name = "validate", description = "Validate scenario files.")
final class ValidateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE")
    List<String> files;

    @Override
    public Integer call() {
        int code = GauntletMain.EXIT_PASS;
        for (String file : files) {
            try {
                Scenario s = Scenarios.loader().load(file, List.of());
                System.out.println("ok  " + file + " (" + s.name() + ")");
            } catch (ScenarioInvalidException e) {
                System.err.println(e.getMessage());
                code = GauntletMain.EXIT_BAD_INPUT;
            }
        }
        return code;
    }
}
