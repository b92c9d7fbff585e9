package dev.gauntlet.harness.score;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.report.run.CheckResult;
import dev.gauntlet.report.run.FaultResult;
import dev.gauntlet.report.run.Result;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 points 1 and 3: each fault is checked against the bound of the mechanism that fired. The standard timing
 * (I = 1 s, J = 0, T = 500 ms, U = 3, H = 2) with outlier detection on (C = 5 gateway failures, round robin) at the
 * requests recorded every 10 ms (answered in 1 ms) over 3 usable endpoints: active checks [2000, 3075] ms, passive
 * ejection [110.5, 176] ms: the C-th try is request k ∈ [(C−2)·n + 3, (C+1)·n − 2] = [12, 16]; the 12th request from
 * the action's start (9999.5 ms) starts at 10110 ms, the first 16 from the verified 10000 ms end by 10151 ms, + 25 ms.
 * Injects are requested 0.5 ms before they are verified.
 */
class MechanismScoringTest {

    @TempDir
    Path dir;

    private RunFixture run() {
        return new RunFixture(dir).config("1000ms", "1000ms", "0ms", "500ms", 3, 2, "{\"enabled\":true}")
                .snapshotAllUsable().expect("detection_time", "<= bound").expect("recovery_time", "<= bound")
                .evenLoad(0, 40_000, 10, 1);
    }

    private static CheckResult check(Result result, String name) {
        return result.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aCrashDetectedFasterThanEveryMechanismsFloorFails() {
        // the example: before, the lower bound was 0 with outlier detection on, and 52 ms passed
        Result result = run().inject("f0", "crash", "api-0", "down", "fast_fail", 10_000)
                .ejection(10_052, "api-0", true).score();

        FaultResult f = result.faults().get(0);
        assertThat(f.mechanism()).as("mechanism").isEqualTo("outlier_ejection");
        assertThat(f.insideBound()).as("52 ms < 110.5 ms, the lowest floor").isFalse();
        assertThat(f.detectionNote()).as("note").startsWith("outlier ejection at [52 ms, 52.5 ms]"
                + " (consecutive_gateway_failure=5), faster than every mechanism's lower bound (110.5 ms)");
        assertThat(check(result, "detection_time").verdict()).as("check").isEqualTo("fail");
    }

    @Test
    void anEjectionBeforeTheEarliestPossibleKthRequestFails() {
        // the client sent nothing for 150 ms after the crash: the 12th request from the action started at 10.26 s, so
        // an ejection at 100 ms cannot have counted five failing tries (the rate model's [90, 175] ms accepted it)
        Result result = new RunFixture(dir).config("1000ms", "1000ms", "0ms", "500ms", 3, 2, "{\"enabled\":true}")
                .snapshotAllUsable().expect("detection_time", "<= bound")
                .evenLoad(0, 10_000, 10, 1).evenLoad(10_150, 40_000, 10, 1)
                .inject("f0", "crash", "api-0", "down", "fast_fail", 10_000).ejection(10_100, "api-0", true).score();

        FaultResult f = result.faults().get(0);
        assertThat(f.insideBound()).as("outside").isFalse();
        assertThat(f.detectionNote()).as("why").contains("faster than every mechanism's lower bound (260.5 ms)");
        assertThat(check(result, "detection_time").verdict()).as("check").isEqualTo("fail");
    }

    @Test
    void anEjectionLateOnBunchedArrivalsIsInsideTheBoundOfTheRequestsThatCarriedIt() {
        // 100 req/s on average, but after the crash 8 requests at once, a 200 ms stall, 8 more answered 30 ms late:
        // ejected at 230 ms, which the rate model ([90, 175] ms) failed; the recorded requests give [203.5, 262] ms
        RunFixture run = new RunFixture(dir).config("1000ms", "1000ms", "0ms", "500ms", 3, 2, "{\"enabled\":true}")
                .snapshotAllUsable().expect("detection_time", "<= bound")
                .evenLoad(0, 10_000, 10, 1).evenLoad(10_000, 10_008, 1, 2).evenLoad(10_200, 10_208, 1, 30)
                .evenLoad(10_300, 40_000, 10, 1);
        Result result = run.inject("f0", "crash", "api-0", "down", "fast_fail", 10_000).ejection(10_230, "api-0", true)
                .score();

        FaultResult f = result.faults().get(0);
        assertThat(f.boundMs()).as("12th request from 9999.5 ms starts at 10203 ms; the first 16 from 10000 ms end by"
                + " 10237 ms, + 25 ms").containsExactly(203.5, 262.0);
        assertThat(f.insideBound()).as("[230, 230.5] ms inside").isTrue();
    }

    @Test
    void anOutlierEjectionIsJudgedAgainstThePassiveBoundAndSaysWhyActiveChecksCameLater() {
        Result result = run().inject("f0", "crash", "api-0", "down", "fast_fail", 10_000)
                .ejection(10_120, "api-0", true).score();

        FaultResult f = result.faults().get(0);
        assertThat(f.boundMs()).as("the passive bound").containsExactly(110.5, 176.0);
        assertThat(f.insideBound()).as("inside").isTrue();
        assertThat(f.detectionNote()).as("which fired, why the other did not").isEqualTo("outlier ejection at"
                + " [120 ms, 120.5 ms] (consecutive_gateway_failure=5; bound [110.5 ms, 176 ms]); active checks would have"
                + " needed >= 2000 ms");
        assertThat(f.detectionBounds()).extracting(b -> b.mechanism()).as("both bounds saved")
                .containsExactly("active_check", "outlier_ejection");
        assertThat(check(result, "detection_time").verdict()).as("check").isEqualTo("pass");
    }

    @Test
    void activeChecksFiringAfterThePassiveBoundPassedAreJudgedOnTheirOwnBoundAndTheMissIsShown() {
        Result result = run().inject("f0", "crash", "api-0", "down", "fast_fail", 10_000)
                .viewChange(12_400, "api-0", false).score();

        FaultResult f = result.faults().get(0);
        assertThat(f.boundMs()).as("judged on the active bound").containsExactly(2000.0, 3075.0);
        assertThat(f.insideBound()).as("inside it").isTrue();
        assertThat(f.detectionNote()).as("the passive miss is a finding shown, not a verdict: the model cannot know"
                + " every reason an ejection is refused").endsWith("outlier ejection due by 176 ms but did not act first");
    }

    @Test
    void aFaultThatLeavesTheDataPathAnsweringHasNoPassiveBound() {
        // health_fail: the health endpoint answers 401, requests still get 200 (truth degraded). Nothing fails for
        // passive detection to count, so only active checks are predicted.
        Result result = run().expect("phase.fault.detection_time", "<= bound")
                .inject("f0", "health_fail", "api-0", "degraded", "fast_fail", 10_000)
                .viewChange(12_400, "api-0", false).score();

        FaultResult f = result.faults().get(0);
        assertThat(f.detectionBounds()).filteredOn(b -> b.mechanism().equals("outlier_ejection"))
                .extracting(b -> b.reason()).as("no passive bound")
                .containsExactly("truth degraded: the data path still answers, so passive detection has nothing certain to count");
        assertThat(f.insideBound()).as("inside the active bound").isTrue();
        assertThat(f.detectionNote()).as("no passive miss claimed").doesNotContain("did not act first");
    }

    @Test
    void anOldViewWithoutMechanismsIsJudgedAgainstTheEnvelopeOfAllMechanisms() {
        Result result = run().inject("f0", "crash", "api-0", "down", "fast_fail", 10_000)
                .oldViewChange(12_400, "api-0", false).score();

        FaultResult f = result.faults().get(0);
        assertThat(f.mechanism()).as("not said").isEqualTo("unknown");
        assertThat(f.boundMs()).as("envelope").containsExactly(110.5, 3075.0);
        assertThat(f.insideBound()).as("inside the envelope").isTrue();
    }

    @Test
    void recoveryOfAnEjectedEndpointIsJudgedAgainstTheEjectionsBound() {
        // ejected at 120 ms, healed 1 s in, before the active checks had marked it unhealthy: it comes back at the
        // first passing check or the ejection's end, [0, T + I + J + A] = [0, 1525] ms
        Result result = run().inject("f0", "crash", "api-0", "down", "fast_fail", 10_000)
                .ejection(10_120, "api-0", true).heal("f0", "api-0", 11_000).ejection(11_700, "api-0", false).score();

        FaultResult f = result.faults().get(0);
        assertThat(f.recoveryMechanism()).as("held out by").isEqualTo("outlier_ejection");
        assertThat(f.recoveryBoundMs()).as("bound").containsExactly(0.0, 1525.0);
        assertThat(f.recoveryInsideBound()).as("[700, 700.5] ms inside").isTrue();
        assertThat(check(result, "recovery_time").verdict()).as("check").isEqualTo("pass");
    }
}
