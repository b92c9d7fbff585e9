package dev.gauntlet.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code init} into a fresh directory: the three files validate, and the starter scenario runs and passes, shortened. */
class InitIT {

    @TempDir
    Path tmp;

    @Test
    void starterFilesValidateAndTheScenarioRunsAndPasses() throws Exception {
        Path dir = tmp.resolve("my-tests");
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int init;
        int validate;
        int run;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            init = GauntletMain.execute("init", dir.toString());
            validate = GauntletMain.execute("validate", dir.resolve("starter.yaml").toString(),
                    dir.resolve("suite.yaml").toString(), dir.resolve("sweep.yaml").toString());
            out.reset();
            run = GauntletMain.execute("run", dir.resolve("starter.yaml").toString(), "--json",
                    "--runs-dir", tmp.resolve("runs").toString(),
                    "--set", "load.duration=14s", "--set", "faults[0].at=3s", "--set", "faults[1].at=7s");
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        String console = err.toString(StandardCharsets.UTF_8);
        assertThat(init).as("init exit code").isZero();
        assertThat(validate).as("validate exit code: %s", console).isZero();
        JsonNode summary = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8).strip());
        assertThat(run).as("the starter scenario passes, shortened: %s%n%s", summary, console).isZero();
        assertThat(summary.path("verdict").asText()).as("verdict").isEqualTo("pass");
        assertThat(summary.path("checks").findValues("name").stream().map(JsonNode::asText).toList())
                .as("the starter's four checks").containsExactly("avoidable_nhu", "detection_time", "recovery_time", "availability");
    }
}
