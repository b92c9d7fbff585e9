package dev.gauntlet.harness.score;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.harness.kind.DetectionModel.Bound;
import dev.gauntlet.harness.kind.DetectionModel.Mechanism;
import java.util.List;
import org.junit.jupiter.api.Test;

class BracketJudgeTest {

    private static final Bound ACTIVE = new Bound(Mechanism.ACTIVE_CHECK, 2000.0, 3000.0, "(U-1)·I .. U·I", null);

    @Test
    void aDetectionFasterThanEveryBoundedMechanismFails() {
        BracketJudge.Judgement j = BracketJudge.detection(new double[] {80, 110}, Mechanism.OUTLIER_EJECTION, null,
                new FaultOutcome.Bounds(List.of(ACTIVE), null), 20_000);

        assertThat(j.inside()).as("the only mechanism the model names could not act before 2 s").isFalse();
        assertThat(j.note()).contains("faster than every mechanism's lower bound");
    }

    @Test
    void aMechanismTheModelCannotBoundMayHaveActedSoTheFigureIsUndecided() {
        Bound outlier = new Bound(Mechanism.OUTLIER_EJECTION, null, null, null,
                "each of Envoy's 2 workers balances on its own");

        BracketJudge.Judgement j = BracketJudge.detection(new double[] {80, 110}, Mechanism.OUTLIER_EJECTION, null,
                new FaultOutcome.Bounds(List.of(ACTIVE, outlier), null), 20_000);

        assertThat(j.inside()).as("not a miss: the mechanism that fired has no bound to be faster than").isNull();
        assertThat(j.note()).contains("no bound for outlier").contains("2 workers")
                .doesNotContain("faster than every");
    }

    @Test
    void aBoundAnchoredToTheInjectsBracketIsNotWidenedByItTwice() {
        // the passive bound read off the recorded requests: low counted from the action's start, high from the
        // verified effect (CiSuiteContainersIT's backend-hang, 2026-12-04: the generic judge called this a straddle)
        Bound passive = Bound.anchored(Mechanism.OUTLIER_EJECTION, 676.8, 815.6, "recorded requests");
        FaultOutcome.Bounds bounds = new FaultOutcome.Bounds(List.of(ACTIVE, passive), null);

        assertThat(BracketJudge.detection(new double[] {779, 821.1}, 0, Mechanism.OUTLIER_EJECTION, null, bounds, 20_000)
                .inside()).as("s − t = 779 <= 815.6 and s − requested = 821.1 >= 676.8").isTrue();
        assertThat(BracketJudge.judge(new double[] {779, 821.1}, 676.8, 815.6))
                .as("a bound on the time after an effect somewhere in the bracket: undecided").isNull();
        assertThat(BracketJudge.detection(new double[] {600, 650}, 0, Mechanism.OUTLIER_EJECTION, null, bounds, 20_000)
                .inside()).as("ejected before the earliest possible k-th request").isFalse();
        assertThat(BracketJudge.detection(new double[] {779, 821.1}, 100, Mechanism.OUTLIER_EJECTION, null, bounds,
                20_000).inside()).as("a coarse view (R = 100 ms) can no longer place it").isNull();
    }
}
