package dev.gauntlet.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.harness.runtime.ProjectHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code ./run.sh <command> --help} as a user types it (issue 21: {@code soak --help} said "Unknown option"). */
class RunShHelpIT {

    @ParameterizedTest(name = "./run.sh {0} --help")
    @ValueSource(strings = {"soak", "run", "init", "validate", "gate", "sweep", "report", "compare", "list"})
    void answersHelp(String command) throws Exception {
        Path log = Files.createTempFile("run-sh-help", ".log");
        Process p = new ProcessBuilder(ProjectHome.root().resolve("run.sh").toString(), command, "--help")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("finished").isTrue();
        String out = Files.readString(log);
        assertThat(p.exitValue()).as("exit code of ./run.sh %s --help:%n%s", command, out).isZero();
        assertThat(out).as("usage of %s", command).contains("Usage: gauntlet " + command).doesNotContain("Unknown option");
        Files.delete(log);
    }
}
