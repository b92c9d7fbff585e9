package dev.gauntlet.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --dry-run} on library scenarios: the plan's figures are the ones harness/SCORING.md's formulas give
 * for the scenario's settings, worked out by hand here, and nothing is started or written.
 */
class DryRunTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private record Ran(int exit, String out, String err) {
    }

    private static Ran cli(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = GauntletMain.execute(args);
            return new Ran(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void backendHangPlanCarriesTheTimeoutBoundsOfItsHealthCheck() throws Exception {
        Ran r = cli("run", "backend-hang", "--dry-run", "--json", "--runs-dir", tmp.resolve("runs").toString());
        assertThat(r.exit()).as("exit code; stderr %s", r.err()).isZero();
        assertThat(Files.exists(tmp.resolve("runs"))).as("no run directory").isFalse();
        JsonNode plan = JSON.readTree(r.out());
        assertThat(plan.path("endpoints")).as("three endpoints").hasSize(3);
        assertThat(plan.path("schedule").findValues("at_ms").stream().map(JsonNode::asLong).toList())
                .as("hang at 6 s, resume at 16 s").containsExactly(6000L, 16000L);
        JsonNode hang = plan.path("predictions").get(0);
        assertThat(hang.path("noticed").asText()).as("a hang is noticed by timeouts").isEqualTo("timeout");
        // I=1s, J=100ms, T=500ms, U=3, H=2, A=25ms: low (U-1)I+UT = 3500, high U(I+J+T)+UA = 4875
        JsonNode detection = activeCheck(hang.path("detection"));
        assertThat(List.of(detection.path("low_ms").asDouble(), detection.path("high_ms").asDouble()))
                .as("timeout detection bound").containsExactly(3500.0, 4875.0);
        // recovery: low (H-1)Iu = 1000, high H(Iu+J)+T+HA = 2750
        JsonNode recovery = activeCheck(hang.path("recovery"));
        assertThat(List.of(recovery.path("low_ms").asDouble(), recovery.path("high_ms").asDouble()))
                .as("recovery bound").containsExactly(1000.0, 2750.0);
        assertThat(plan.path("checks").findValues("name").stream().map(JsonNode::asText).toList()).as("checks")
                .contains("avoidable_nhu", "detection_time", "recovery_time", "availability", "phase.fault.p99_latency");
    }

    @Test
    void textPlanNamesTopologyScheduleBoundsAndChecks() {
        Ran r = cli("run", "one-of-three-crashes", "--dry-run", "--set", "faults[1].at=30s");
        assertThat(r.exit()).as("exit code; stderr %s", r.err()).isZero();
        assertThat(r.out()).as("the sections").contains("dry run: one-of-three-crashes (local runtime), nothing started",
                "topology", "toxiproxy API 127.0.0.1:", "api-0      gateway -> proxy 127.0.0.1:", "fault schedule",
                "15 s  crash          api[0]", "30 s  restart        api[0]",
                "crash api-0 at 15 s: truth down, noticed as fast_fail", "detection active_check", "recovery  active_check",
                "checks:", "detection_time               <= bound");
    }

    @Test
    void aStepWithForIsHealedInTheScheduleAndGetsARecoveryBound() throws Exception {
        Ran r = cli("run", "one-of-three-crashes", "--dry-run", "--json",
                "--set", "faults=[{at: 5s, target: \"api[1]\", action: refuse, for: 4s}]");
        assertThat(r.exit()).as("exit code; stderr %s", r.err()).isZero();
        JsonNode plan = JSON.readTree(r.out());
        assertThat(plan.path("schedule").get(0).path("heal_at_ms").asLong()).as("healed at 5 s + 4 s").isEqualTo(9000);
        assertThat(activeCheck(plan.path("predictions").get(0).path("recovery")).path("high_ms").asDouble())
                .as("the active checks' recovery bound, high").isEqualTo(2750.0);
    }

    /** The active-check entry of a list of bounds (the model may add one per other mechanism). */
    private static JsonNode activeCheck(JsonNode bounds) {
        for (JsonNode b : bounds) {
            if (b.path("mechanism").asText().equals("active_check")) {
                return b;
            }
        }
        throw new AssertionError("no active_check bound in " + bounds);
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        Ran r = cli("run", "one-of-three-crashes", "--dry-run", "--set", "load.rate=fast");
        assertThat(r.exit()).as("exit code").isEqualTo(2);
        assertThat(r.err().strip()).as("one line").isEqualTo(
                "one-of-three-crashes.yaml: load.rate: fast (expected: a rate like 200/s, from 0.1/s to 20000/s)");
    }
}
