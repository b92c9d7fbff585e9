package dev.gauntlet.harness.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.harness.fault.FaultRegistry;
import dev.gauntlet.harness.run.ScenarioRunner;
import dev.gauntlet.harness.runtime.PartStartException;
import dev.gauntlet.harness.scenario.Scenario;
import dev.gauntlet.harness.scenario.ScenarioLoader;
import dev.gauntlet.harness.score.Expectation;
import dev.gauntlet.harness.score.Scorer;
import dev.gauntlet.report.run.EndpointInfo;
import dev.gauntlet.report.run.JsonlWriter;
import dev.gauntlet.report.run.RequestRecord;
import dev.gauntlet.report.run.Result;
import dev.gauntlet.report.run.RunDirectory;
import dev.gauntlet.report.run.RunManifest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate's bookkeeping with literal runs instead of processes: seeds per trial, verdicts over trials, exit codes,
 * junit.xml and summary.md. Trial with seed s fails s − 42 of its 100 requests; every request takes 10 ms.
 */
class GateRunnerTest {

    @TempDir
    Path dir;

    private static final String SCENARIO = """
            name: literal
            backends: [ { pool: api, replicas: 1 } ]
            load: { rate: 10/s, duration: 5s }
            expect:
              availability: ">= 99%"
              p99_latency: "<= 100ms"
            """;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    private ScenarioLoader loader() {
        FaultRegistry faults = FaultRegistry.standard();
        return new ScenarioLoader(dir, faults::validate, Expectation::parse);
    }

    private SuiteConfig suite(int trials) throws IOException {
        Files.writeString(dir.resolve("literal.yaml"), SCENARIO);
        return new SuiteLoader(loader()).load(Files.writeString(dir.resolve("ci.yaml"),
                "trials: " + trials + "\nscenarios:\n  - scenario: literal\n"));
    }

    /** Writes a scored literal run for the scenario; fails {@code seed − 42} of 100 requests. */
    private static ScenarioRunner.RunOutcome literalRun(Scenario s, Path runsDir) {
        long t0 = 1_700_000_000_000_000L;
        RunDirectory run = new RunDirectory(runsDir.resolve("run-seed-" + s.seed()));
        run.writeManifest(new RunManifest(run.root().getFileName().toString(), s.name(), "", t0, t0 + 10_000_000L, false,
                "builtin", false, "api", List.of(new EndpointInfo("api-0", "api", 0, "a", "b")), 10, s.expect()));
        try (JsonlWriter w = new JsonlWriter(run.file(RunDirectory.REQUESTS), 100)) {
            for (int i = 0; i < 100; i++) {
                long start = t0 + i * 50_000L;
                w.write(new RequestRecord(start, start + 10_000, i < s.seed() - 42 ? 503 : 200, null, null, null));
            }
        }
        Result result = Scorer.score(run);
        run.writeResult(result);
        return new ScenarioRunner.RunOutcome(run.root(), result, false);
    }

    private GateRunner runner(ScenarioExecutor executor) {
        return new GateRunner(loader(), dir.resolve("gates"), new PrintStream(console, true), executor);
    }

    @Test
    void aPassingSuiteExitsZeroWithOneTestcasePerCheck() throws IOException {
        GateRunner.Outcome o = runner((s, runs, out) -> literalRun(s, runs)).run(suite(1));

        String junit = Files.readString(o.junit());
        assertThat(o.exitCode()).as("seed 42 fails nothing").isZero();
        assertThat(o.gateDir().getParent()).as("runs/gates/<stamp>-<suite>").isEqualTo(dir.resolve("gates"));
        assertThat(o.gateDir().getFileName().toString()).endsWith("-ci");
        assertThat(junit).as("one testcase per check, none failing").contains("<testsuites", "tests=\"2\"",
                "failures=\"0\"", "name=\"availability\"", "name=\"p99_latency\"").doesNotContain("<failure");
        assertThat(Files.readString(o.summary())).as("summary").startsWith("## ✅ Gauntlet gate `ci`: 1 scenario")
                .contains("| literal | ✅ pass | 1 (42) |");
        assertThat(o.gateDir().resolve(GateRunner.GATE_JSON)).exists();
        assertThat(o.scenarios().get(0).runDirs().get(0)).as("runs kept inside the gate directory")
                .startsWith(o.gateDir().resolve(GateRunner.RUNS));
    }

    @Test
    void trialsUseSuccessiveSeedsAndNumericChecksAreJudgedOnTheirInterval() throws IOException {
        GateRunner.Outcome o = runner((s, runs, out) -> literalRun(s, runs)).run(suite(3));

        GateRunner.ScenarioOutcome crash = o.scenarios().get(0);
        assertThat(crash.seeds()).as("seed, seed + 1, seed + 2").containsExactly(42L, 43L, 44L);
        // availability 1.00, 0.99, 0.98: mean 0.99, sd 0.01, lower end 0.99 − 4.302653·0.01/√3 = 0.965159
        assertThat(crash.gated().checks().get(0).measured()).as("interval reported")
                .isEqualTo("mean 99.000% (95% CI 96.516% – 101.484%, n=3)");
        assertThat(crash.gated().checks().get(0).verdict()).as("the lower end is below 99%").isEqualTo("fail");
        assertThat(crash.gated().checks().get(1).verdict()).as("p99 10 ms in every trial").isEqualTo("pass");
        assertThat(o.exitCode()).as("a check failed").isEqualTo(1);
        String junit = Files.readString(o.junit());
        assertThat(junit).as("failure message with measured vs expected").contains(
                "message=\"measured mean 99.000% (95% CI 96.516% – 101.484%, n=3), expected &gt;= 99%\"",
                "95% CI lower end 96.516% is not &gt;= 99%; trial values [100.000%, 99.000%, 98.000%]");
        assertThat(console.toString()).as("progress names trial and seed").contains("gate: [1/1] literal, trial 3/3 (seed 44)");
    }

    @Test
    void aRunThatCannotBeCarriedOutStopsTheGateWithExitThree() throws IOException {
        GateRunner.Outcome o = runner((s, runs, out) -> {
            if (s.seed() == 43) {
                throw new PartStartException("toxiproxy-server did not start");
            }
            return literalRun(s, runs);
        }).run(suite(2));

        assertThat(o.exitCode()).as("a part failed").isEqualTo(3);
        assertThat(o.stoppedBecause()).as("why").isEqualTo("literal trial 2: toxiproxy-server did not start");
        assertThat(Files.readString(o.junit())).as("the gate's junit says so").contains("name=\"run\"",
                "could not be carried out: literal trial 2: toxiproxy-server did not start");
        assertThat(Files.readString(o.summary())).contains("**Stopped:**");
    }

    private static final String NGINX_WITH_CHECKS = """
            name: checked
            gateway: { config: { healthCheck: { path: /health, interval: 1s } } }
            backends: [ { pool: api, replicas: 1 } ]
            load: { rate: 10/s, duration: 5s }
            expect: { availability: ">= 99%" }
            """;

    @Test
    void aKindsAdaptationsReachTheRunShownAsAdaptedAndAMissingRefusalFails() throws IOException {
        Files.writeString(dir.resolve("literal.yaml"), SCENARIO);
        SuiteConfig suite = new SuiteLoader(loader()).load(Files.writeString(dir.resolve("ci.yaml"),
                "scenarios:\n  - scenario: literal\n  - scenario: literal\n    label: refused-after-all\n"));
        ExpectedVerdicts expected = ExpectedVerdicts.load(Files.writeString(dir.resolve("kind.yaml"), """
                scenarios:
                  literal:
                    set: { seed: 45 }
                    setReason: this kind's users run it with seed 45
                    checks: { availability: { verdict: fail, reason: seed 45 fails 3 of 100 } }
                  refused-after-all:
                    verdict: refused
                    refusal: "no healthCheck for kind nginx"
                    reason: nginx open source has no active checks
                """));
        SuiteConfig adapted = expected.adapt(suite);
        assertThat(adapted.entries().get(0).runOverrides()).as("the suite's own overrides, then the kind's").endsWith("seed=45");

        GateRunner.Outcome o = runner((s, runs, out) -> literalRun(s, runs)).expecting(expected).run(adapted);

        GateRunner.ScenarioOutcome literal = o.scenarios().get(0);
        assertThat(literal.seeds()).as("the run got the adaptation").containsExactly(45L);
        assertThat(literal.gated().checks().get(0).name()).isEqualTo(ExpectedVerdicts.ADAPTED_CHECK);
        assertThat(literal.gated().checks().get(0).reason()).as("shown as not the scenario as written")
                .contains("not the scenario as written", "--set seed=45", "seed 45");
        GateRunner.ScenarioOutcome refused = o.scenarios().get(1);
        assertThat(refused.runDirs()).as("a scenario loaded without refusal is not refused by design: it fails").isEmpty();
        assertThat(refused.gated().verdict()).isEqualTo(Result.FAIL);
        assertThat(refused.gated().checks().get(0).reason()).contains("got no refusal");
        assertThat(o.exitCode()).as("the missing refusal fails the gate").isEqualTo(1);
        String summary = Files.readString(o.summary());
        assertThat(summary).as("summary names the adaptation").contains("**adapted for the gateway, not as written:** `--set seed=45`");
    }

    @Test
    void aRefusalThatMatchesPassesSayingRefusedByDesignAndOneThatDoesNotFails() throws IOException {
        Files.writeString(dir.resolve("checked.yaml"), NGINX_WITH_CHECKS);
        SuiteConfig suite = new SuiteLoader(loader()).load(Files.writeString(dir.resolve("ci.yaml"),
                "scenarios:\n  - scenario: checked\n")).withOverride("gateway.kind=nginx"); // as --gateway nginx
        ExpectedVerdicts matching = ExpectedVerdicts.load(Files.writeString(dir.resolve("match.yaml"),
                "scenarios: { checked: { verdict: refused, refusal: 'no healthCheck for kind nginx', reason: passive only } }"));
        ExpectedVerdicts other = ExpectedVerdicts.load(Files.writeString(dir.resolve("other.yaml"),
                "scenarios: { checked: { verdict: refused, refusal: 'retry.perTryTimeout', reason: no per-try limit } }"));
        // the refusal comes from the real nginx kind, as the loader asks it; no nginx binary is needed
        ScenarioExecutor never = (s, runs, out) -> {
            throw new AssertionError("a refused scenario must not run");
        };

        GateRunner.Outcome asDesigned = runner(never).expecting(matching).run(suite);
        GateRunner.Outcome changed = runner(never).expecting(other).run(suite);

        assertThat(asDesigned.exitCode()).as("refused as designed").isZero();
        assertThat(Files.readString(asDesigned.junit())).as("a passing testcase saying why").contains("name=\"refused\"")
                .doesNotContain("<failure");
        assertThat(asDesigned.scenarios().get(0).gated().checks().get(0).reason())
                .startsWith("refused by design: checked.yaml: gateway.config.healthCheck: ").contains("passive only");
        assertThat(Files.readString(asDesigned.summary())).as("no runs to link").contains("| checked | ✅ pass | not run |");
        assertThat(changed.exitCode()).as("refused for another reason than the expected one").isEqualTo(1);
        assertThat(changed.scenarios().get(0).gated().checks().get(0).reason())
                .contains("with a line containing 'retry.perTryTimeout'", "got checked.yaml: gateway.config.healthCheck: ");
    }
}
