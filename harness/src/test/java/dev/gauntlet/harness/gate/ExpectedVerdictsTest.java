package dev.gauntlet.harness.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gauntlet.harness.scenario.ScenarioInvalidException;
import dev.gauntlet.report.run.CheckResult;
import dev.gauntlet.report.run.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gating a gateway against the verdicts it gives by design: a match passes, a mismatch fails naming both. */
class ExpectedVerdictsTest {

    @TempDir
    Path dir;

    private ExpectedVerdicts load(String yaml) throws IOException {
        return ExpectedVerdicts.load(Files.writeString(dir.resolve("nginx.yaml"), yaml));
    }

    private static Result gated(String label, String availability, String detection) {
        List<CheckResult> checks = List.of(new CheckResult("availability", availability, "0.97", ">= 99.0%", "measured"),
                new CheckResult("detection_time", detection, "900", "<= bound", "measured"));
        String verdict = checks.stream().anyMatch(c -> c.verdict().equals(Result.FAIL)) ? Result.FAIL : Result.PASS;
        return new Result(label, "r1", verdict, 80.0, "f", checks, null, List.of());
    }

    private static final String NGINX = """
            gateway: nginx
            scenarios:
              crash:
                checks:
                  availability: { verdict: fail, reason: nginx open source has no active checks; passive max_fails only }
              slow:
                verdict: fail
                reason: no health checks at all, so a slow backend is never ejected
            """;

    @Test
    void aCheckFailingByDesignPassesTheGateAndSaysWhy() throws IOException {
        Result judged = load(NGINX).judge(gated("crash", Result.FAIL, Result.PASS));
        assertThat(judged.verdict()).as("the failure is the documented one").isEqualTo(Result.PASS);
        CheckResult availability = judged.checks().get(0);
        assertThat(availability.verdict()).isEqualTo(Result.PASS);
        assertThat(availability.reason()).as("the reason is kept").contains("as expected by design", "passive max_fails only", "got fail");
    }

    @Test
    void aVerdictOtherThanExpectedFailsNamingExpectedAndGot() throws IOException {
        Result judged = load(NGINX).judge(gated("crash", Result.PASS, Result.PASS));
        assertThat(judged.verdict()).as("the adapter changed behaviour: CI fails").isEqualTo(Result.FAIL);
        assertThat(judged.checks().get(0).reason()).startsWith("expected fail by design (").contains("got pass");
    }

    @Test
    void anUnnamedCheckOfANamedScenarioMustStillPass() throws IOException {
        Result judged = load(NGINX).judge(gated("crash", Result.FAIL, Result.FAIL));
        assertThat(judged.verdict()).as("detection_time was not expected to fail").isEqualTo(Result.FAIL);
        assertThat(judged.checks().get(1).verdict()).isEqualTo(Result.FAIL);
    }

    @Test
    void aScenarioLevelVerdictJudgesTheEntryAsAWhole() throws IOException {
        Result asExpected = load(NGINX).judge(gated("slow", Result.FAIL, Result.PASS));
        assertThat(asExpected.verdict()).isEqualTo(Result.PASS);
        assertThat(asExpected.checks()).extracting(CheckResult::name).contains("expected_verdict");
        Result passedAfterAll = load(NGINX).judge(gated("slow", Result.PASS, Result.PASS));
        assertThat(passedAfterAll.verdict()).as("passing where it should fail is a mismatch too").isEqualTo(Result.FAIL);
        assertThat(passedAfterAll.checks().get(2).reason()).contains("expected fail by design", "got pass");
    }

    @Test
    void anEntryNotNamedIsGatedAsUsual() throws IOException {
        Result r = gated("other", Result.FAIL, Result.PASS);
        assertThat(load(NGINX).judge(r)).as("untouched").isSameAs(r);
    }

    @Test
    void aFileThatDoesNotFitTheSuiteIsRefusedBeforeAnythingRuns() throws IOException {
        ExpectedVerdicts v = load(NGINX);
        assertThatThrownBy(() -> v.checkAgainst("haproxy", Map.of("crash", Set.of("availability"), "slow", Set.of())))
                .isInstanceOf(ScenarioInvalidException.class).hasMessage("nginx.yaml: gateway: nginx (expected: the kind gated, haproxy)");
        assertThatThrownBy(() -> v.checkAgainst("nginx", Map.of("crash", Set.of("availability"))))
                .isInstanceOf(ScenarioInvalidException.class).hasMessageStartingWith("nginx.yaml: scenarios.slow: not in the suite");
        assertThatThrownBy(() -> v.checkAgainst("nginx", Map.of("crash", Set.of("nhu"), "slow", Set.of())))
                .isInstanceOf(ScenarioInvalidException.class)
                .hasMessageStartingWith("nginx.yaml: scenarios.crash.checks.availability: not an expect line of crash");
    }

    @Test
    void anExpectationWithoutAReasonIsBadInput() {
        assertThatThrownBy(() -> load("scenarios: { crash: { verdict: fail } }")).isInstanceOf(ScenarioInvalidException.class)
                .hasMessageStartingWith("nginx.yaml: scenarios.crash.reason: missing");
        assertThatThrownBy(() -> load("scenarios: { crash: { verdict: broken, reason: x } }"))
                .isInstanceOf(ScenarioInvalidException.class).hasMessageStartingWith("nginx.yaml: scenarios.crash.verdict: broken");
    }

    @Test
    void unknownKeysAndHalfDeclaredAdaptationsOrRefusalsAreOneLineBadInput() {
        assertThatThrownBy(() -> load("scenarios: { crash: { verdict: pass, reason: x, sets: { a: 1 } } }"))
                .as("a typo is refused, not ignored").isInstanceOf(ScenarioInvalidException.class)
                .hasMessageStartingWith("nginx.yaml: scenarios.crash.sets: ");
        assertThatThrownBy(() -> load("scenarios: { crash: { set: { load.rate: 10/s } } }"))
                .as("an adaptation says why").isInstanceOf(ScenarioInvalidException.class)
                .hasMessageStartingWith("nginx.yaml: scenarios.crash.setReason: missing");
        assertThatThrownBy(() -> load("scenarios: { crash: { verdict: refused, reason: x } }"))
                .as("a refusal names its line").isInstanceOf(ScenarioInvalidException.class)
                .hasMessageStartingWith("nginx.yaml: scenarios.crash.refusal: missing");
        assertThatThrownBy(() -> load("scenarios: { crash: { verdict: fail, reason: x, refusal: healthCheck } }"))
                .isInstanceOf(ScenarioInvalidException.class)
                .hasMessage("nginx.yaml: scenarios.crash.refusal: healthCheck (expected: only with verdict: refused)");
        assertThatThrownBy(() -> load("""
                scenarios: { crash: { verdict: refused, refusal: x, reason: y, checks: { a: { verdict: fail, reason: z } } } }
                """)).as("nothing runs, so no check can be expected").isInstanceOf(ScenarioInvalidException.class)
                .hasMessageStartingWith("nginx.yaml: scenarios.crash.checks: ");
    }

    @Test
    void aBadValueInAnAdaptationIsReportedAtTheExpectedVerdictsLine() throws IOException {
        Files.writeString(dir.resolve("literal.yaml"), """
                name: literal
                backends: [ { pool: api, replicas: 1 } ]
                load: { rate: 10/s, duration: 5s }
                expect: { availability: ">= 99%" }
                """);
        dev.gauntlet.harness.fault.FaultRegistry faults = dev.gauntlet.harness.fault.FaultRegistry.standard();
        dev.gauntlet.harness.scenario.ScenarioLoader loader = new dev.gauntlet.harness.scenario.ScenarioLoader(dir,
                faults::validate, dev.gauntlet.harness.score.Expectation::parse);
        SuiteConfig suite = new SuiteLoader(loader).load(Files.writeString(dir.resolve("ci.yaml"),
                "scenarios:\n  - scenario: literal\n"));
        ExpectedVerdicts v = load("scenarios: { literal: { set: { load.rate: banana }, setReason: users run it slower } }");

        assertThatThrownBy(() -> v.loadAll(v.adapt(suite), loader)).isInstanceOf(ScenarioInvalidException.class)
                .hasMessageStartingWith("nginx.yaml: scenarios.literal.set.load.rate: banana (expected: ");
        ExpectedVerdicts fine = load("scenarios: { literal: { set: { load.rate: 20/s }, setReason: users run it faster } }");
        assertThat(fine.loadAll(fine.adapt(suite), loader)).as("label -> expect lines")
                .isEqualTo(Map.of("literal", Set.of("availability")));
    }
}
