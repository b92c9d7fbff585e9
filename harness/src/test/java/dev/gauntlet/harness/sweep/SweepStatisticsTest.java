package dev.gauntlet.harness.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gauntlet.report.sweep.MetricSummary;
import dev.gauntlet.report.sweep.SweepComparison;
import org.junit.jupiter.api.Test;

/** Figures computed by hand (t quantiles from tables, Welch's df from its formula). */
class SweepStatisticsTest {

    private static final double[] A = {1900, 2100, 2300};
    private static final double[] B = {2500, 2700, 2900, 3100};

    @Test
    void meanHasAStudentTNinetyFivePercentInterval() {
        MetricSummary s = SweepStatistics.summarise(SweepMetric.DETECTION_TIME, A);

        assertThat(s.n()).as("three samples").isEqualTo(3);
        assertThat(s.mean()).as("mean").isCloseTo(2100.0, within(1e-9));
        assertThat(s.sd()).as("sample sd").isCloseTo(200.0, within(1e-9));
        // t(0.975, df 2) = 4.302653; half width = 4.302653 · 200 / √3 = 496.83
        assertThat(s.ciLow()).as("lower end").isCloseTo(1603.17, within(0.01));
        assertThat(s.ciHigh()).as("upper end").isCloseTo(2596.83, within(0.01));
        assertThat(s.median()).as("nearest-rank median").isEqualTo(2100.0);
        assertThat(s.p95()).as("nearest-rank p95 of 3 is the largest").isEqualTo(2300.0);
        assertThat(s.statistic("p95")).as("statistic by name").isEqualTo(2300.0);
    }

    @Test
    void oneSampleHasAMeanButNoInterval() {
        MetricSummary s = SweepStatistics.summarise(SweepMetric.AVAILABILITY, new double[] {99.5});

        assertThat(s.mean()).as("the sample").isEqualTo(99.5);
        assertThat(s.ciLow()).as("no interval from one sample").isNull();
        assertThat(SweepStatistics.summarise(SweepMetric.AVAILABILITY, new double[0]).mean())
                .as("no samples: unknown").isNull();
    }

    @Test
    void comparesPointsWithWelchsTTestAndStatesTheMargin() {
        SweepComparison c = SweepStatistics.compare(SweepMetric.DETECTION_TIME, true, 1, A, 3, B);

        // va = 200²/3 = 13333.3, vb = 258.2²/4 = 16666.7, se = 173.205, t = −700 / 173.205 = −4.0415,
        // Welch df = 30000² / (13333.3²/2 + 16666.7²/3) = 4.9592, t(0.975, 4.9592) = 2.57696
        assertThat(c.difference()).as("mean(best) − mean(runner-up)").isCloseTo(-700.0, within(1e-9));
        assertThat(c.ciLow()).as("Welch interval, lower").isCloseTo(-1146.34, within(0.05));
        assertThat(c.ciHigh()).as("Welch interval, upper").isCloseTo(-253.66, within(0.05));
        assertThat(c.pValue()).as("two-sided p of t = −4.0415 on 4.959 df").isCloseTo(0.010077, within(1e-4));
        assertThat(c.confidence()).as("one-sided: 1 − p/2").isCloseTo(1 - 0.010077 / 2, within(1e-4));
        // U = 0 (every A below every B); normal approximation z = (0 − 6) / √8 = −2.1213 → p = 0.0339
        assertThat(c.mannWhitneyP()).as("Mann–Whitney cross-check").isCloseTo(0.0339, within(1e-3));
        assertThat(c.test()).as("the stated test").contains("Welch");
        assertThat(c.statement()).as("the statement names points, test and confidence")
                .contains("point 1 against point 3").contains("95% CI -1146 to -254 ms").contains("99.50%");
    }

    @Test
    void aDifferenceTheWrongWayGivesLowConfidence() {
        SweepComparison c = SweepStatistics.compare(SweepMetric.DETECTION_TIME, true, 3, B, 1, A);

        assertThat(c.confidence()).as("B is slower, so confidence it is better is p/2").isCloseTo(0.010077 / 2, within(1e-4));
    }

    @Test
    void tooFewSamplesGiveNoTestButSaySo() {
        SweepComparison c = SweepStatistics.compare(SweepMetric.DETECTION_TIME, true, 0, new double[] {1000},
                2, B);

        assertThat(c.pValue()).as("one sample: no test").isNull();
        assertThat(c.statement()).as("asks for more trials").contains("too few samples");
    }

    @Test
    void constantSamplesCompareExactly() {
        SweepComparison c = SweepStatistics.compare(SweepMetric.FALSE_EJECTIONS_PER_MIN, true, 0,
                new double[] {0, 0}, 1, new double[] {2, 2});

        assertThat(c.pValue()).as("no spread, a difference: certain").isEqualTo(0.0);
        assertThat(c.ciLow()).as("the interval is the difference").isEqualTo(-2.0);
    }
}
