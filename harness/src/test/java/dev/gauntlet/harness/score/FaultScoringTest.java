package dev.gauntlet.harness.score;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.report.run.CheckResult;
import dev.gauntlet.report.run.FaultResult;
import dev.gauntlet.report.run.Result;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TTD and TTR per fault, against the bounds of the standard config (I = Iu = 1 s, J = 0, T = 500 ms, U = 3,
 * H = 2, A = 25 ms): fast_fail detection [2000, 3075] ms, timeout detection [3500, 4575] ms, recovery
 * [1000, 2550] ms. Every run: api-0..2 usable at the start, 40 s long, times in ms since the start.
 */
class FaultScoringTest {

    @TempDir
    Path dir;

    private RunFixture run() {
        return new RunFixture(dir).standardConfig().snapshotAllUsable()
                .expect("detection_time", "<= bound").expect("recovery_time", "<= bound");
    }

    private static CheckResult check(Result result, String name) {
        return result.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void crashDetectedAndRecoveredInsideItsBounds() {
        Result result = run()
                .inject("f0", "crash", "api-0", "down", "fast_fail", 10_000).viewChange(12_400, "api-0", false)
                .heal("f0", "api-0", 30_000).viewChange(31_200, "api-0", true)
                .score();

        FaultResult f = result.faults().get(0);
        assertThat(List.of(f.atMs(), f.healedAtMs(), f.requestedAtMs())).as("stamps").containsExactly(10_000L, 30_000L, 9_999L);
        assertThat(f.detectionMs()).as("TTD from the verified stamp").isEqualTo(2400.0);
        assertThat(f.detectionBracketMs()).as("[view − verified, view − requested]").containsExactly(2400.0, 2400.5);
        assertThat(f.mechanism()).as("mechanism").isEqualTo("active_check");
        assertThat(f.mechanismDetail()).as("what the check saw").isEqualTo("refused");
        assertThat(f.boundMs()).as("active-check bound").containsExactly(2000.0, 3075.0);
        assertThat(f.insideBound()).as("inside").isTrue();
        assertThat(f.recoveryBracketMs()).as("recovery bracket").containsExactly(1200.0, 1200.5);
        assertThat(f.recoveryBoundMs()).as("recovery bound").containsExactly(1000.0, 2550.0);
        assertThat(f.recoveryInsideBound()).as("recovery inside").isTrue();
        assertThat(check(result, "detection_time")).as("detection check").isEqualTo(new CheckResult("detection_time",
                "pass", "f0 (crash api-0): active checks at [2400 ms, 2400.5 ms] (refused; bound [2000 ms, 3075 ms]);"
                + " outlier ejection: no bound (gateway-config.json: clusters[api] has no outlierDetection)", "<= bound", null));
        assertThat(check(result, "recovery_time")).as("recovery check").isEqualTo(new CheckResult("recovery_time",
                "pass", "f0 (crash api-0): held out by active checks; usable again at [1200 ms, 1200.5 ms]"
                + " (bound [1000 ms, 2550 ms])", "<= bound", null));
        assertThat(result.verdict()).as("verdict").isEqualTo("pass");
    }

    @Test
    void detectionFasterThanTheLowerBoundIsOutsideIt() {
        Result result = run().expect("phase.fault.detection_time", "<= 3s")
                .inject("f0", "crash", "api-0", "down", "fast_fail", 10_000).viewChange(11_500, "api-0", false)
                .heal("f0", "api-0", 30_000).viewChange(31_200, "api-0", true)
                .score();

        assertThat(result.faults().get(0).detectionMs()).as("TTD").isEqualTo(1500.0);
        assertThat(result.faults().get(0).insideBound()).as("1500 < 2000").isFalse();
        assertThat(check(result, "detection_time").verdict()).as("bound check").isEqualTo("fail");
        assertThat(check(result, "detection_time").reason()).as("reason")
                .isEqualTo("f0 (crash api-0): active checks at [1500 ms, 1500.5 ms] (refused), faster than every"
                        + " mechanism's lower bound (2000 ms): the prediction did not hold; outlier ejection: no bound"
                        + " (gateway-config.json: clusters[api] has no outlierDetection)");
        assertThat(check(result, "phase.fault.detection_time").verdict()).as("<= 3s").isEqualTo("pass");
    }

    @Test
    void outlierDetectionNoLongerLowersTheActiveCheckFloor() {
        // Before issue 13 an enabled outlierDetection made the bound [0, 3075] and this 300 ms active-check
        // transition passed. Active checks cannot fail three times in 300 ms, and the passive bound (C=5 at 100 req/s
        // over 3 endpoints: [90, 175] ms) had passed without an ejection: both predictions failed.
        Result result = new RunFixture(dir).config("1s", "1s", "0ms", "500ms", 3, 2, "{\"enabled\":true}")
                .snapshotAllUsable().expect("detection_time", "<= bound")
                .inject("f0", "crash", "api-0", "down", "fast_fail", 10_000).viewChange(10_300, "api-0", false)
                .score();

        assertThat(result.faults().get(0).boundMs()).as("the active-check bound, floor kept").containsExactly(2000.0, 3075.0);
        assertThat(result.faults().get(0).insideBound()).as("300 ms outside").isFalse();
        assertThat(check(result, "detection_time").verdict()).as("check").isEqualTo("fail");
    }

    @Test
    void hangIsJudgedAgainstTheTimeoutBound() {
        Result inside = run()
                .inject("f0", "hang", "api-0", "down", "timeout", 10_000).viewChange(13_600, "api-0", false)
                .heal("f0", "api-0", 30_000).viewChange(31_000, "api-0", true)
                .score();

        assertThat(inside.faults().get(0).boundMs()).as("timeout bound").containsExactly(3500.0, 4575.0);
        assertThat(inside.faults().get(0).detectionMs()).as("TTD").isEqualTo(3600.0);
        assertThat(inside.faults().get(0).insideBound()).as("inside").isTrue();
        assertThat(inside.faults().get(0).recoveryInsideBound()).as("1000 ms = lower bound, inside").isTrue();
    }

    @Test
    void hangDetectedAfterTheUpperBoundFails(@TempDir Path other) {
        Result late = new RunFixture(other).standardConfig().snapshotAllUsable().expect("detection_time", "<= bound")
                .inject("f0", "hang", "api-0", "down", "timeout", 10_000).viewChange(14_600, "api-0", false)
                .score();

        assertThat(late.faults().get(0).insideBound()).as("4600 > 4575").isFalse();
        assertThat(check(late, "detection_time").verdict()).as("check").isEqualTo("fail");
    }

    @Test
    void verifiedFaultNeverDetectedFailsTheDetectionCheck() {
        Result result = run()
                .inject("f0", "crash", "api-0", "down", "fast_fail", 10_000)
                .heal("f0", "api-0", 30_000)
                .score();

        FaultResult f = result.faults().get(0);
        assertThat(f.detectionMs()).as("never detected").isNull();
        assertThat(f.insideBound()).as("watched 20 s > 3075 ms: certainly outside").isFalse();
        assertThat(f.recoveryMs()).as("usable at the heal: nothing to recover").isEqualTo(0.0);
        assertThat(f.recoveryInsideBound()).as("no recovery bound applies").isNull();
        assertThat(check(result, "detection_time")).as("detection check").isEqualTo(new CheckResult("detection_time",
                "fail", "f0 (crash api-0): not detected within 19999.5 ms; active checks due by 3075 ms", "<= bound",
                "f0 (crash api-0): not detected within 19999.5 ms; active checks due by 3075 ms"));
        assertThat(check(result, "recovery_time").verdict()).as("recovery not applicable → pass").isEqualTo("pass");
        assertThat(result.verdict()).as("verdict").isEqualTo("fail");
    }

    @Test
    void faultHealedBeforeDetectionWasDueIsNotHeldAgainstTheGateway() {
        Result result = run()
                .inject("f0", "crash", "api-0", "down", "fast_fail", 10_000)
                .heal("f0", "api-0", 11_000)
                .score();

        assertThat(result.faults().get(0).insideBound()).as("undecided").isNull();
        assertThat(check(result, "detection_time")).as("n/a → pass").isEqualTo(new CheckResult("detection_time", "pass",
                "f0 (crash api-0): healed, not detected within 999.5 ms, before detection was due"
                        + " (active checks due by 3075 ms)",
                "<= bound", null));
    }

    @Test
    void unverifiedFaultMakesItsDetectionCheckUnknown() {
        Result result = run()
                .injectUnverified("f0", "hang", "api-0", "timeout", 10_000).viewChange(13_600, "api-0", false)
                .heal("f0", "api-0", 30_000).viewChange(31_200, "api-0", true)
                .score();

        assertThat(result.faults().get(0).verified()).as("recorded unverified").isFalse();
        assertThat(result.faults().get(0).detectionMs()).as("unknown: the fault may not have happened").isNull();
        assertThat(result.faults().get(0).insideBound()).as("not judged").isNull();
        assertThat(check(result, "detection_time").verdict()).as("unknown").isEqualTo("unknown");
        assertThat(check(result, "detection_time").reason()).as("reason")
                .isEqualTo("f0 (hang api-0): fault not verified (probe still connected after 2 s)");
        assertThat(result.verdict()).as("unknown wins over pass").isEqualTo("unknown");
    }

    @Test
    void runAbortedMidFaultHasNoRecoveryAndACleanUpHealAfterTheEndDoesNotCount() {
        Result result = run()
                .inject("f0", "crash", "api-0", "down", "fast_fail", 10_000).viewChange(12_400, "api-0", false)
                .heal("f0", "api-0", 20_500) // the clean-up heal, after the abort at 20 s
                .viewChange(21_000, "api-0", true)
                .endAt(20_000, true)
                .score();

        FaultResult f = result.faults().get(0);
        assertThat(f.healedAtMs()).as("not healed within the run").isNull();
        assertThat(f.recoveryMs()).as("no recovery").isNull();
        assertThat(f.recoveryBoundMs()).as("no recovery bound").isNull();
        assertThat(f.detectionMs()).as("detected before the abort").isEqualTo(2400.0);
        assertThat(check(result, "recovery_time").verdict()).as("recovery unknown").isEqualTo("unknown");
        assertThat(check(result, "recovery_time").reason()).as("reason")
                .isEqualTo("f0 (crash api-0): not healed before the run ended");
        assertThat(result.metrics().phases()).as("fault phase to the end, no recovery phase")
                .containsOnlyKeys("baseline", "fault");
        assertThat(result.metrics().phases().get("fault").endMs()).as("fault phase end").isEqualTo(20_000);
    }

    @Test
    void runAbortedBeforeDetectionWasDueLeavesDetectionUnknown() {
        Result result = run()
                .inject("f0", "crash", "api-0", "down", "fast_fail", 10_000)
                .endAt(11_000, true)
                .score();

        assertThat(check(result, "detection_time").verdict()).as("verdict").isEqualTo("unknown");
        assertThat(check(result, "detection_time").reason()).as("reason").isEqualTo(
                "f0 (crash api-0): not detected within 1000 ms, before detection was due (active checks due by 3075 ms)");
    }

    @Test
    void endpointAlreadyUnusableAtTheInjectIsDetectedInZero() {
        Result result = run()
                .viewChange(5_000, "api-0", false)
                .inject("f0", "crash", "api-0", "down", "fast_fail", 10_000)
                .score();

        assertThat(result.faults().get(0).detectionMs()).as("TTD 0").isEqualTo(0.0);
        assertThat(result.faults().get(0).insideBound()).as("0 < 2000: the prediction did not hold").isFalse();
    }

    @Test
    void endpointThatNeverComesBackFailsTheRecoveryCheck() {
        Result result = run()
                .inject("f0", "crash", "api-0", "down", "fast_fail", 10_000).viewChange(12_400, "api-0", false)
                .heal("f0", "api-0", 30_000)
                .score();

        assertThat(result.faults().get(0).recoveryMs()).as("never recovered").isNull();
        assertThat(result.faults().get(0).recoveryInsideBound()).as("10 s watched > 2550 ms").isFalse();
        assertThat(check(result, "recovery_time").reason()).as("reason").isEqualTo(
                "f0 (crash api-0): held out by active checks; not usable again within 10000 ms (bound [1000 ms, 2550 ms])");
        assertThat(check(result, "recovery_time").verdict()).as("verdict").isEqualTo("fail");
    }

    @Test
    void recoveryAfterTheUpperBoundFailsAndADurationExpectationJudgesTheSameNumber() {
        Result result = run().expect("phase.recovery.recovery_time", "<= 3s")
                .inject("f0", "crash", "api-0", "down", "fast_fail", 10_000).viewChange(12_400, "api-0", false)
                .heal("f0", "api-0", 30_000).viewChange(32_600, "api-0", true)
                .score();

        assertThat(result.faults().get(0).recoveryMs()).as("TTR").isEqualTo(2600.0);
        assertThat(result.faults().get(0).recoveryInsideBound()).as("2600 > 2550").isFalse();
        assertThat(check(result, "recovery_time").verdict()).as("bound").isEqualTo("fail");
        assertThat(check(result, "phase.recovery.recovery_time").verdict())
                .as("f0 was injected in the fault phase, none in the recovery phase → unknown").isEqualTo("unknown");
    }

    @Test
    void missingConfigLeavesBoundsUnknownButDurationsDecidable() {
        Result result = new RunFixture(dir).snapshotAllUsable()
                .expect("detection_time", "<= bound").expect("window[5s..15s].detection_time", "<= 3s")
                .inject("f0", "crash", "api-0", "down", "fast_fail", 10_000).viewChange(12_400, "api-0", false)
                .score();

        assertThat(result.faults().get(0).boundMs()).as("no bound").isNull();
        assertThat(result.faults().get(0).insideBound()).as("unknown").isNull();
        assertThat(check(result, "detection_time").reason()).as("reason")
                .isEqualTo("f0 (crash api-0): no predicted bound: no gateway-config.json");
        assertThat(check(result, "window[5s..15s].detection_time").verdict()).as("2400 <= 3000").isEqualTo("pass");
    }

    @Test
    void withoutAViewDetectionAndRecoveryAreUnknownNeverInvented() {
        Result result = run().noView()
                .inject("f0", "crash", "api-0", "down", "fast_fail", 10_000)
                .heal("f0", "api-0", 30_000)
                .score();

        FaultResult f = result.faults().get(0);
        assertThat(f.detectionMs()).as("TTD").isNull();
        assertThat(f.recoveryMs()).as("TTR").isNull();
        assertThat(f.insideBound()).as("inside").isNull();
        assertThat(f.boundMs()).as("without a view no mechanism is known to judge against").isNull();
        // nginx is a registered kind with a bound model now: with no gateway-config.json it has no figures, so every
        // bound it gives is unknown, with its reason — still none invented
        assertThat(f.detectionBounds()).as("no known bound without the gateway's config: none invented")
                .noneMatch(dev.gauntlet.report.run.MechanismBound::known);
        assertThat(check(result, "detection_time")).as("check").isEqualTo(new CheckResult("detection_time", "unknown",
                null, "<= bound", "no view was observed (gateway kind nginx)"));
        assertThat(check(result, "recovery_time").reason()).as("recovery reason")
                .isEqualTo("no view was observed (gateway kind nginx)");
    }

    @Test
    void faultsNoHealthCheckCanSeeHaveNoDetectionAndCannotBeChecked() {
        Result result = run()
                .inject("f0", "latency", "api-0", "degraded", "none", 10_000)
                .heal("f0", "api-0", 30_000)
                .score();

        assertThat(result.faults().get(0).detectionMs()).as("TTD").isNull();
        assertThat(result.faults().get(0).boundMs()).as("bound").isNull();
        assertThat(check(result, "detection_time").reason()).as("nothing to check")
                .isEqualTo("no fault in the run that health checks can detect (fast_fail or timeout)");
    }

    @Test
    void scopedDetectionChecksOnlyFaultsInjectedInsideTheScope() {
        Result result = run()
                .expect("window[0s..15s].detection_time", "<= bound").expect("window[15s..40s].detection_time", "<= bound")
                .inject("f0", "crash", "api-0", "down", "fast_fail", 10_000).viewChange(12_400, "api-0", false)
                .inject("f1", "crash", "api-1", "down", "fast_fail", 20_000).viewChange(23_900, "api-1", false)
                .heal("f0", "api-0", 30_000).heal("f1", "api-1", 30_000)
                .viewChange(31_000, "api-0", true).viewChange(31_000, "api-1", true)
                .score();

        assertThat(result.faults()).extracting(FaultResult::insideBound).as("f0 inside, f1 late").containsExactly(true, false);
        assertThat(check(result, "window[0s..15s].detection_time").verdict()).as("f0 only").isEqualTo("pass");
        assertThat(check(result, "window[15s..40s].detection_time").verdict()).as("f1 only").isEqualTo("fail");
        assertThat(check(result, "detection_time").reason()).as("whole run names the failing fault")
                .isEqualTo("f1 (crash api-1): active checks at [3900 ms, 3900.5 ms] (refused; bound [2000 ms, 3075 ms]);"
                        + " outlier ejection: no bound (gateway-config.json: clusters[api] has no outlierDetection)");
    }
}
