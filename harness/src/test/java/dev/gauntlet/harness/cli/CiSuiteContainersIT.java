package dev.gauntlet.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.harness.runtime.ProjectHome;
import dev.gauntlet.harness.runtime.container.ContainersAvailable;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI gate suite itself ({@code scenarios/suites/ci.yaml}: a crash, a hang, broken health endpoints with
 * panic mode, a failing canary) with {@code --runtime containers}: every scenario passes every check, as it
 * does in the local runtime (the default suite's own test runs there).
 */
class CiSuiteContainersIT {

    @TempDir
    Path tmp;

    @BeforeEach
    void docker() {
        ContainersAvailable.assume();
    }

    @Test
    void theCiGatePassesWithEveryPartInAContainer() throws Exception {
        PrintStream stdout = System.out;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
            exit = GauntletMain.execute("gate", ProjectHome.scenariosDir().resolve("suites/ci.yaml").toString(),
                    "--runtime", "containers", "--gates-dir", tmp.resolve("gates").toString());
        } finally {
            System.setOut(stdout);
        }

        String printed = console.toString(StandardCharsets.UTF_8);
        Path gateDir;
        try (Stream<Path> dirs = Files.list(tmp.resolve("gates"))) {
            gateDir = dirs.findFirst().orElseThrow();
        }
        String junit = Files.readString(gateDir.resolve("junit.xml"));
        assertThat(printed).as("every scenario ran in containers").contains(
                "8 containers on network gauntlet-", "10 containers on network gauntlet-");
        assertThat(exit).as("every check passed: %s%n%s", printed, junit).isZero();
        assertThat(junit).as("one testsuite per scenario of the suite").contains("name=\"one-of-three-crashes\"",
                "name=\"backend-hang\"", "name=\"health-500-partial\"", "name=\"canary-errors\"");
        assertThat(junit).doesNotContain("<failure");
    }
}
