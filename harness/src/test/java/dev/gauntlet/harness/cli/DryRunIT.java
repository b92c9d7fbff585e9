package dev.gauntlet.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.harness.run.ForeignOutput;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --dry-run} of a library scenario predicts the bounds its real run then scores with, and a real run's
 * console is Gauntlet's own lines only: the dry run's JSON plan and the run's {@code result.json} are compared
 * figure by figure, and the run's stderr (its human lines under {@code --json}) and {@code harness.log} are read.
 */
class DryRunIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /**
     * one-of-three-crashes shortened. Outlier detection is set explicitly: the builtin kind reads its effective
     * config from the running gateway, so a dry run sees only what the scenario writes, not the gateway's
     * defaults (outlier detection is on by default and moves the lower detection bound to 0).
     */
    private static final List<String> SHORT = List.of("--set", "load.duration=14s", "--set", "load.rate=50/s",
            "--set", "faults[0].at=3s", "--set", "faults[1].at=8s",
            "--set", "gateway.config.outlierDetection.enabled=false",
            "--set", "expect={detection_time: \"<= bound\", recovery_time: \"<= bound\"}");

    private static JsonNode activeCheck(JsonNode bounds) {
        for (JsonNode b : bounds) {
            if (b.path("mechanism").asText().equals("active_check")) {
                return b;
            }
        }
        throw new AssertionError("no active_check bound in " + bounds);
    }

    private record Ran(int exit, String out, String err) {
    }

    private static Ran cli(List<String> args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            exit = GauntletMain.execute(args.toArray(String[]::new));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Ran(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static List<String> args(String... first) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(SHORT);
        return all;
    }

    @Test
    void dryRunPredictsTheBoundsTheRealRunScoresWithAndTheConsoleStaysQuiet() throws Exception {
        Ran dry = cli(args("run", "one-of-three-crashes", "--dry-run", "--json"));
        assertThat(dry.exit()).as("dry run exit code; stderr: %s", dry.err()).isZero();
        JsonNode plan = JSON.readTree(dry.out());
        assertThat(Files.exists(tmp.resolve("runs"))).as("a dry run makes no run directory").isFalse();
        JsonNode crash = plan.path("predictions").get(0);
        assertThat(crash.path("action").asText()).as("first prediction").isEqualTo("crash");
        assertThat(crash.path("noticed").asText()).as("a crash is noticed as").isEqualTo("fast_fail");
        JsonNode detection = activeCheck(crash.path("detection"));
        JsonNode recovery = activeCheck(crash.path("recovery"));
        assertThat(detection.path("mechanism").asText()).as("mechanism").isEqualTo("active_check");
        assertThat(plan.path("schedule")).as("both steps, with their times").hasSize(2);
        assertThat(plan.path("schedule").get(1).path("at_ms").asLong()).as("restart at").isEqualTo(8000);

        Ran real = cli(args("run", "one-of-three-crashes", "--json", "--runs-dir", tmp.resolve("runs").toString()));
        JsonNode summary = JSON.readTree(real.out().strip().lines().reduce((a, b) -> b).orElseThrow());
        Path runDir = Path.of(summary.path("run_dir").asText());
        JsonNode result = JSON.readTree(runDir.resolve("result.json").toFile());
        JsonNode fault = result.path("faults").get(0);
        assertThat(fault.path("action").asText()).as("scored fault").isEqualTo("crash");
        assertThat(fault.path("recovery_bound_ms").isArray()).as("the crash was healed by the restart and has a recovery"
                + " bound: %s%ntimeline:%n%s%nconsole:%n%s", fault, Files.readString(runDir.resolve("timeline.jsonl")),
                real.err()).isTrue();
        assertThat(fault.path("bound_ms").get(0).asDouble()).as("detection low: dry run vs result.json")
                .isCloseTo(detection.path("low_ms").asDouble(), within(1e-6));
        assertThat(fault.path("bound_ms").get(1).asDouble()).as("detection high: dry run vs result.json")
                .isCloseTo(detection.path("high_ms").asDouble(), within(1e-6));
        assertThat(fault.path("recovery_bound_ms").get(0).asDouble()).as("recovery low: dry run vs result.json")
                .isCloseTo(recovery.path("low_ms").asDouble(), within(1e-6));
        assertThat(fault.path("recovery_bound_ms").get(1).asDouble()).as("recovery high: dry run vs result.json")
                .isCloseTo(recovery.path("high_ms").asDouble(), within(1e-6));
        assertThat(summary.path("exit").asInt()).as("--json summary exit vs the process's").isEqualTo(real.exit());
        assertThat(summary.path("checks")).as("the summary's checks").hasSize(2);
        assertThat(real.out().strip().lines().count()).as("stdout under --json: one line").isEqualTo(1);

        String console = real.err();
        assertThat(console).as("live progress").containsPattern("\\[ *\\d+\\.\\ds/14s] \\d+ req/s · ok [0-9.]+% · NHU \\d+ ms · api \\d/3 usable");
        assertThat(console).as("no foreign lines on the console")
                .doesNotContain("Global Information", "java.util.prefs", "INFO ", "WARN ", "Simulation ");
        String log = Files.readString(runDir.resolve(ForeignOutput.FILE));
        assertThat(log).as("Gatling's own console output went to harness.log").containsAnyOf("Simulation", "Gatling", "gatling");
    }
}
