package dev.gauntlet.harness.cli;

import dev.gauntlet.harness.runtime.ProjectHome;
import dev.gauntlet.harness.scenario.Scenario;
import dev.gauntlet.harness.scenario.ScenarioInvalidException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/** {@code list}: every scenario in the library with its one-line description. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the scenario library.")
final class ListCommand implements Callable<Integer> {

    @Override
    public Integer call() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(ProjectHome.scenariosDir())) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        int width = files.stream().mapToInt(p -> p.getFileName().toString().length()).max().orElse(10);
        for (Path file : files) {
            try {
                Scenario scenario = Scenarios.loader().load(file.toString(), List.of());
                String first = scenario.description().lines().findFirst().orElse("");
                System.out.printf("%-" + width + "s  %s%n", scenario.name(), first);
            } catch (ScenarioInvalidException e) {
                System.out.printf("%-" + width + "s  INVALID: %s%n", file.getFileName(), e.getMessage());
            }
        }
        return GauntletMain.EXIT_PASS;
    }
}
