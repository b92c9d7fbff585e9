package dev.gauntlet.harness.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gauntlet.harness.score.Expectation;
import dev.gauntlet.report.run.CheckResult;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gate's statistics on fixed data, computed by hand (t quantiles from a table). */
class GateStatisticsTest {

    /** t(0.975, 2) = 4.302653, t(0.975, 4) = 2.776445. */
    @Test
    void intervalIsTheMeanPlusMinusTTimesTheStandardError() {
        GateStatistics.Interval ci = GateStatistics.interval(List.of(1.0, 2.0, 3.0));

        assertThat(ci.mean()).as("mean").isEqualTo(2.0);
        assertThat(ci.sd()).as("sample sd of 1, 2, 3").isCloseTo(1.0, within(1e-12));
        assertThat(ci.low()).as("2 − 4.302653·1/√3").isCloseTo(2 - 4.302653 / Math.sqrt(3), within(1e-5));
        assertThat(ci.high()).as("2 + 2.484138").isCloseTo(4.484138, within(1e-5));
        assertThat(ci.n()).isEqualTo(3);

        GateStatistics.Interval five = GateStatistics.interval(List.of(990.0, 1000.0, 1010.0, 1000.0, 1000.0));
        assertThat(five.sd()).as("√(200 / 4)").isCloseTo(Math.sqrt(50), within(1e-12));
        assertThat(five.high()).as("1000 + 2.776445 · √50 / √5 = 1008.78").isCloseTo(1000 + 2.776445 * Math.sqrt(10),
                within(1e-3));
    }

    @Test
    void identicalValuesGiveAPointInterval() {
        GateStatistics.Interval ci = GateStatistics.interval(List.of(0.0, 0.0, 0.0));

        assertThat(List.of(ci.low(), ci.mean(), ci.high())).as("no spread").containsExactly(0.0, 0.0, 0.0);
    }

    @Test
    void oneValueHasNoInterval() {
        assertThatThrownBy(() -> GateStatistics.interval(List.of(1.0))).as("n = 1")
                .hasMessage("values: [1.0] (expected: at least 2 values for an interval)");
    }

    @Test
    void atLeastChecksAreJudgedOnTheLowerEndAndAtMostOnTheUpperEnd() {
        // availability 0.995, 0.999, 0.997: mean 0.997, sd 0.002, half-width 4.302653·0.002/√3 = 0.004968
        GateStatistics.Interval availability = GateStatistics.interval(List.of(0.995, 0.999, 0.997));
        assertThat(availability.low()).as("lower end").isCloseTo(0.992032, within(1e-6));
        assertThat(GateStatistics.passes(Expectation.parse("availability", ">= 99%"), availability))
                .as("99.2% ≥ 99%").isTrue();
        assertThat(GateStatistics.passes(Expectation.parse("availability", ">= 99.5%"), availability))
                .as("the mean 99.7% would pass; the lower end 99.2% does not").isFalse();

        // detection 1000, 1100, 1200 ms: half-width 4.302653·100/√3 = 248.4 ms → upper end 1348.4 ms
        GateStatistics.Interval detection = GateStatistics.interval(List.of(1000.0, 1100.0, 1200.0));
        assertThat(GateStatistics.passes(Expectation.parse("p99_latency", "<= 1400ms"), detection)).as("1348 ≤ 1400").isTrue();
        assertThat(GateStatistics.passes(Expectation.parse("p99_latency", "<= 1300ms"), detection))
                .as("the upper end exceeds 1300 although every value is below").isFalse();
        assertThat(GateStatistics.passes(Expectation.parse("requests", "== 5"), GateStatistics.interval(List.of(5.0, 5.0))))
                .as("== needs both ends").isTrue();
    }

    @Test
    void judgeReportsTheIntervalAndTheDecidingEnd() {
        List<CheckResult> trials = Arrays.asList(
                new CheckResult("availability", "pass", "99.50%", ">= 99.5%", null),
                new CheckResult("availability", "pass", "99.90%", ">= 99.5%", null),
                new CheckResult("availability", "pass", "99.70%", ">= 99.5%", null));

        CheckResult gated = GateJudge.judge("availability", ">= 99.5%", trials, List.of(0.995, 0.999, 0.997), false);

        assertThat(gated.verdict()).as("every trial passed, the interval does not").isEqualTo("fail");
        assertThat(gated.measured()).as("mean and interval")
                .isEqualTo("mean 99.700% (95% CI 99.203% – 100.197%, n=3)");
        assertThat(gated.reason()).as("measured vs expected")
                .isEqualTo("95% CI lower end 99.203% is not >= 99.5%; trial values [99.500%, 99.900%, 99.700%]");
    }

    @Test
    void withoutNumbersEveryTrialMustPassAndUnknownFailsUnlessAllowed() {
        CheckResult pass = new CheckResult("detection_time", "pass", "f0: 2100 ms", "<= bound", null);
        CheckResult unknown = new CheckResult("detection_time", "unknown", null, "<= bound", "no view");
        CheckResult fail = new CheckResult("detection_time", "fail", "f0: 4000 ms", "<= bound", "f0 outside");
        List<Double> none = Arrays.asList(null, null);

        assertThat(GateJudge.judge("detection_time", "<= bound", List.of(pass, pass), none, false).verdict())
                .as("all pass").isEqualTo("pass");
        assertThat(GateJudge.judge("detection_time", "<= bound", List.of(pass, fail), none, false).reason())
                .as("a failed trial fails the gate and is named").isEqualTo("trial 2: f0 outside");
        assertThat(GateJudge.judge("detection_time", "<= bound", List.of(pass, unknown), none, false).verdict())
                .as("unknown").isEqualTo("unknown");
        CheckResult allowed = GateJudge.judge("detection_time", "<= bound", List.of(pass, unknown), none, true);
        assertThat(allowed.verdict()).as("allowed unknown passes").isEqualTo("pass");
        assertThat(allowed.reason()).as("saying so")
                .isEqualTo("unknown, allowed by the suite (allowUnknown: true): trial 2: no view");
        assertThat(GateJudge.judge("detection_time", "<= bound", List.of(fail), List.of(), true))
                .as("one trial: its check as scored").isEqualTo(fail);
    }
}
