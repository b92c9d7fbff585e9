package dev.gauntlet.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.harness.gate.GateRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gate} end to end through the CLI with real processes: a one-scenario suite (10 s of load, one crash and
 * restart), the gate's junit.xml and summary.md, and the exit code.
 */
class GateCommandIT {

    @TempDir
    Path tmp;

    private static final String SCENARIO = """
            name: gate-crash
            description: one of three crashes and returns, compressed for the gate's test
            gateway:
              config:
                healthCheck: { path: /health, interval: 500ms, jitter: 50ms, timeout: 300ms,
                               unhealthyThreshold: 2, healthyThreshold: 2 }
                retry: { maxRetries: 1, retryOn: [connect_failure, reset] }
            backends:
              - pool: api
                replicas: 3
                behaviour: { latency: { fixed: 2ms } }
            load: { rate: 50/s, duration: 20s, path: /api/items }
            faults:
              - { at: 5s, target: "api[0]", action: crash }
              - { at: 12s, target: "api[0]", action: restart }
            expect:
              avoidable_nhu: 0s
              availability: ">= 90%"
              requests: ">= 100"
            """;

    @Test
    void gateOfOnePassingScenarioWritesJunitAndSummaryAndExitsZero() throws Exception {
        Files.writeString(tmp.resolve("gate-crash.yaml"), SCENARIO);
        Path suite = Files.writeString(tmp.resolve("it.yaml"), """
                name: it
                scenarios:
                  - scenario: gate-crash.yaml
                    set:
                      load.duration: 10s
                      faults[0].at: 3s
                      faults[1].at: 7s
                """);
        PrintStream stdout = System.out;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
            exit = GauntletMain.execute("gate", suite.toString(), "--gates-dir", tmp.resolve("gates").toString());
        } finally {
            System.setOut(stdout);
        }

        String printed = console.toString(StandardCharsets.UTF_8);
        Path gateDir;
        try (Stream<Path> dirs = Files.list(tmp.resolve("gates"))) {
            gateDir = dirs.findFirst().orElseThrow();
        }
        String junit = Files.readString(gateDir.resolve("junit.xml"));
        assertThat(exit).as("every check passed: %s%n%s", printed, junit).isZero();
        assertThat(printed).as("prints the paths").contains("junit: " + gateDir.resolve("junit.xml"),
                "summary: " + gateDir.resolve("summary.md"), "gate: pass (exit 0)");
        assertThat(junit).as("one testsuite for the scenario, one testcase per check, none failing")
                .contains("<testsuite", "name=\"gate-crash\"", "tests=\"3\"", "failures=\"0\"",
                        "<testcase classname=\"gauntlet.gate-crash\" name=\"avoidable_nhu\"",
                        "name=\"availability\"", "name=\"requests\"")
                .doesNotContain("<failure");
        assertThat(Files.readString(gateDir.resolve("summary.md"))).as("summary").contains("| gate-crash | ✅ pass |");
        List<Path> runs;
        try (Stream<Path> s = Files.list(gateDir.resolve(GateRunner.RUNS))) {
            runs = s.toList();
        }
        assertThat(runs).as("the run is kept in the gate directory").hasSize(1);
        assertThat(runs.get(0).resolve("result.json")).exists();
        for (String line : Files.readAllLines(runs.get(0).resolve("children.jsonl"))) {
            long pid = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line).path("pid").asLong();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .as("child %s is gone", line).isFalse();
        }
    }

    @Test
    void gateAgainstExpectedVerdictsFailsWhenTheGatewayBehavesOtherwiseThanExpected() throws Exception {
        Files.writeString(tmp.resolve("gate-crash.yaml"), SCENARIO);
        Path suite = Files.writeString(tmp.resolve("it.yaml"), """
                name: it
                scenarios:
                  - scenario: gate-crash.yaml
                    set:
                      load.duration: 10s
                      faults[0].at: 3s
                      faults[1].at: 7s
                """);
        // a deliberately wrong file: the builtin gateway keeps availability, so "fail by design" must not hold
        Path expected = Files.writeString(tmp.resolve("builtin.yaml"), """
                gateway: builtin
                scenarios:
                  gate-crash:
                    checks:
                      requests: { verdict: pass, reason: 10 s at 50/s is 500 requests }
                      availability: { verdict: fail, reason: a test of the mismatch path }
                """);
        PrintStream stdout = System.out;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
            exit = GauntletMain.execute("gate", suite.toString(), "--gateway", "builtin", "--expected-verdicts",
                    expected.toString(), "--gates-dir", tmp.resolve("gates").toString());
        } finally {
            System.setOut(stdout);
        }
        Path gateDir;
        try (Stream<Path> dirs = Files.list(tmp.resolve("gates"))) {
            gateDir = dirs.findFirst().orElseThrow();
        }
        String junit = Files.readString(gateDir.resolve("junit.xml"));
        assertThat(exit).as("availability passed where fail was expected: %s%n%s", console, junit).isEqualTo(1);
        assertThat(junit).as("the mismatch names expected and got; the matching check passes")
                .contains("expected fail by design (a test of the mismatch path), got pass", "failures=\"1\"");
    }
}
