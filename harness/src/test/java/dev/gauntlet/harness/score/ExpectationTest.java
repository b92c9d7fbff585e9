package dev.gauntlet.harness.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gauntlet.harness.score.Expectation.Comparator;
import dev.gauntlet.harness.score.Expectation.Metric;
import dev.gauntlet.harness.score.Expectation.Scope;
import org.junit.jupiter.api.Test;

class ExpectationTest {

    @Test
    void bareDurationMeansAtMost() {
        Expectation e = Expectation.parse("avoidable_nhu", "0s");

        assertThat(e.metric()).as("metric").isEqualTo(Metric.AVOIDABLE_NHU);
        assertThat(e.scope()).as("whole run").isEqualTo(Scope.WHOLE);
        assertThat(e.comparator()).as("bare duration → <=").isEqualTo(Comparator.LE);
        assertThat(e.threshold()).as("0 ms").isEqualTo(0.0);
        assertThat(e.bound()).as("not a bound").isFalse();
    }

    @Test
    void phaseScopedLatencyWithComparatorInMilliseconds() {
        Expectation e = Expectation.parse("phase.fault.p99_latency", "<= 250ms");

        assertThat(e.scope()).as("scope").isEqualTo(Scope.phase("fault"));
        assertThat(e.metric()).as("metric").isEqualTo(Metric.P99_LATENCY);
        assertThat(e.comparator()).as("comparator").isEqualTo(Comparator.LE);
        assertThat(e.threshold()).as("ms").isEqualTo(250.0);
        assertThat(e.name()).as("name as written").isEqualTo("phase.fault.p99_latency");
        assertThat(e.expression()).as("expression as written").isEqualTo("<= 250ms");
    }

    @Test
    void bareAvailabilityMeansAtLeastAndIsHeldAsFraction() {
        Expectation e = Expectation.parse("availability", "99.5%");

        assertThat(e.comparator()).as("bare availability → >=").isEqualTo(Comparator.GE);
        assertThat(e.threshold()).as("fraction").isEqualTo(0.995);
        assertThat(Expectation.parse("availability", ">= 99.0%").threshold()).as("with comparator").isEqualTo(0.99);
    }

    @Test
    void windowScopeIsHeldInMicrosecondsSinceStart() {
        Expectation e = Expectation.parse("window[20s..40.5s].availability", ">= 95%");

        assertThat(e.scope()).as("window").isEqualTo(Scope.window(20_000_000L, 40_500_000L));
        assertThat(e.scope().isWindow()).as("is window").isTrue();
    }

    @Test
    void detectionAndRecoveryAcceptBoundOrDuration() {
        assertThat(Expectation.parse("detection_time", "<= bound").bound()).as("<= bound").isTrue();
        assertThat(Expectation.parse("recovery_time", "bound").bound()).as("bare bound").isTrue();
        Expectation threeSeconds = Expectation.parse("phase.fault.detection_time", "< 3s");
        assertThat(threeSeconds.bound()).as("duration is no bound").isFalse();
        assertThat(threeSeconds.comparator()).as("<").isEqualTo(Comparator.LT);
        assertThat(threeSeconds.threshold()).as("3 s").isEqualTo(3000.0);
        assertThat(Expectation.parse("recovery_time", "2m").threshold()).as("minutes").isEqualTo(120_000.0);
    }

    @Test
    void countsAndRatesDefaultToAtLeast() {
        Expectation requests = Expectation.parse("requests", "1000");
        Expectation rate = Expectation.parse("window[0s..10s].achieved_rate", "> 190/s");

        assertThat(requests.comparator()).as("bare count → >=").isEqualTo(Comparator.GE);
        assertThat(requests.threshold()).as("count").isEqualTo(1000.0);
        assertThat(rate.comparator()).as(">").isEqualTo(Comparator.GT);
        assertThat(rate.threshold()).as("per second").isEqualTo(190.0);
        assertThat(Expectation.parse("achieved_rate", "== 200").threshold()).as("bare number rate").isEqualTo(200.0);
    }

    @Test
    void comparatorsTolerateFloatingPointNoise() {
        assertThat(Comparator.GE.test(99 / 100.0, 0.99)).as("99/100 >= 99%").isTrue();
        assertThat(Comparator.GE.test(0.1 + 0.2, 0.3)).as("0.1 + 0.2 >= 0.3").isTrue();
        assertThat(Comparator.LT.test(0.3, 0.1 + 0.2)).as("0.3 < 0.1 + 0.2 is false").isFalse();
        assertThat(Comparator.EQ.test(250.0, 250.0)).as("==").isTrue();
        assertThat(Comparator.GT.test(251.0, 250.0)).as(">").isTrue();
    }

    @Test
    void percentageWithoutPercentSignIsRejectedWithTheRule() {
        assertThatThrownBy(() -> Expectation.parse("availability", ">= 99"))
                .as("no %")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(">= 99 (expected: [<=|<|>=|>|==] <percentage 0-100%>, e.g. \">= 99.0%\")");
        assertThatThrownBy(() -> Expectation.parse("availability", "101%"))
                .as("over 100%")
                .hasMessage("101% (expected: [<=|<|>=|>|==] <percentage 0-100%>, e.g. \">= 99.0%\")");
    }

    @Test
    void badDurationIsRejectedWithTheRule() {
        assertThatThrownBy(() -> Expectation.parse("p99_latency", "fast"))
                .as("not a duration")
                .hasMessage("fast (expected: [<=|<|>=|>|==] <duration>, e.g. \"<= 250ms\" or 0s)");
        assertThatThrownBy(() -> Expectation.parse("avoidable_nhu", "<= 5"))
                .as("a non-zero number without unit")
                .hasMessage("<= 5 (expected: [<=|<|>=|>|==] <duration>, e.g. \"<= 250ms\" or 0s)");
    }

    @Test
    void boundOnlyWithAtMost() {
        assertThatThrownBy(() -> Expectation.parse("detection_time", ">= bound"))
                .as(">= bound")
                .hasMessage(">= bound (expected: \"<= bound\" or [<=|<|>=|>|==] <duration>, e.g. \"<= 3s\")");
        assertThatThrownBy(() -> Expectation.parse("p99_latency", "<= bound"))
                .as("bound on a latency")
                .hasMessage("<= bound (expected: [<=|<|>=|>|==] <duration>, e.g. \"<= 250ms\" or 0s)");
    }

    @Test
    void countMustBeAWholeNumberAndRateANumber() {
        assertThatThrownBy(() -> Expectation.parse("requests", ">= 10.5"))
                .as("fractional count")
                .hasMessage(">= 10.5 (expected: [<=|<|>=|>|==] <whole number>, e.g. \">= 1000\")");
        assertThatThrownBy(() -> Expectation.parse("achieved_rate", "lots"))
                .as("not a rate")
                .hasMessage("lots (expected: [<=|<|>=|>|==] <requests per second>, e.g. \">= 190/s\")");
    }

    @Test
    void unknownMetricListsTheKnownOnes() {
        assertThatThrownBy(() -> Expectation.parse("p95_latency", "<= 1s"))
                .as("unknown metric")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("p95_latency (expected: one of avoidable_nhu, unavoidable_nhu, availability, p50_latency,"
                        + " p90_latency, p99_latency, max_latency, detection_time, recovery_time, requests,"
                        + " achieved_rate, false_ejections, false_ejection_seconds, retry_amplification, nhu_latency_p50,"
                        + " nhu_latency_p99, time_to_full_capacity, optionally prefixed by phase.<baseline|fault|recovery>. or window[<from>..<to>].)");
    }

    @Test
    void unknownPhaseNamesTheBadPart() {
        assertThatThrownBy(() -> Expectation.parse("phase.warmup.availability", "99%"))
                .as("unknown phase")
                .hasMessage("warmup (expected: a phase: baseline, fault or recovery)");
        assertThatThrownBy(() -> Expectation.parse("phase.fault", "99%"))
                .as("phase without metric")
                .hasMessage("fault (expected: a phase: baseline, fault or recovery)");
    }

    @Test
    void windowMustRunForwards() {
        String rule = " (expected: window[<from>..<to>].<metric> with durations from < to, e.g. window[20s..40s].availability)";
        assertThatThrownBy(() -> Expectation.parse("window[40s..20s].availability", "99%"))
                .as("backwards")
                .hasMessage("window[40s..20s]" + rule);
        assertThatThrownBy(() -> Expectation.parse("window[20s-40s].availability", "99%"))
                .as("no ..")
                .hasMessage("window[20s-40s].availability" + rule);
    }

    @Test
    void nullExpressionIsRejectedNotThrownAsNpe() {
        assertThatThrownBy(() -> Expectation.parse("availability", null))
                .as("null expression")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("null (expected: [<=|<|>=|>|==] <percentage 0-100%>, e.g. \">= 99.0%\")");
    }
}
