package dev.gauntlet.harness.sweep;

import dev.gauntlet.report.sweep.MetricSummary;
import dev.gauntlet.report.sweep.SweepComparison;
import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * The statistics of a sweep, with commons-math3: a point's mean with its two-sided 95% Student-t
 * interval, nearest-rank percentiles (as the scoring uses), and the comparison of two points by
 * <b>Welch's two-sample t-test</b> (no equal-variance assumption: settings change the spread, not only the
 * mean), with the Mann–Whitney U test beside it as a distribution-free cross-check.
 *
 * <pre>{@code
 * MetricSummary s = SweepStatistics.summarise(SweepMetric.DETECTION_TIME, new double[] {1900, 2100, 2300});
 * s.ciLow();    // 1603.2 = 2100 − t(0.975, 2) · 200 / √3
 * SweepComparison c = SweepStatistics.compare(SweepMetric.DETECTION_TIME, true, 0, best, 3, runnerUp);
 * }</pre>
 */
public final class SweepStatistics {

    public static final double CONFIDENCE = 0.95;
    public static final String TEST = "Welch's two-sample t-test (unequal variances), two-sided";

    private SweepStatistics() {
    }

    public static MetricSummary summarise(SweepMetric metric, double[] samples) {
        int n = samples.length;
        if (n == 0) {
            return new MetricSummary(metric.id(), metric.unit(), 0, null, null, null, null, null, null, null);
        }
        DescriptiveStatistics d = new DescriptiveStatistics(samples);
        double mean = d.getMean();
        Double sd = n > 1 ? d.getStandardDeviation() : null;
        Double low = null;
        Double high = null;
        if (n > 1) {
            double half = tQuantile(n - 1) * sd / Math.sqrt(n);
            low = mean - half;
            high = mean + half;
        }
        return new MetricSummary(metric.id(), metric.unit(), n, mean, sd, low, high, nearestRank(samples, 50),
                nearestRank(samples, 95), d.getMax());
    }

    /** The value at rank ⌈p·n⌉ of the sorted samples (commons-math3 R_1), as the scoring's percentiles. */
    public static double nearestRank(double[] samples, double percent) {
        return new Percentile().withEstimationType(Percentile.EstimationType.R_1).evaluate(samples, percent);
    }

    /**
     * Compares point {@code best} with point {@code other} on the samples' means.
     *
     * @param lowerIsBetter the direction of the objective, for the one-sided confidence
     */
    public static SweepComparison compare(SweepMetric metric, boolean lowerIsBetter, int bestIndex, double[] best,
                                          int otherIndex, double[] other) {
        double meanA = mean(best);
        double meanB = mean(other);
        double diff = meanA - meanB;
        Double low = null;
        Double high = null;
        Double p = null;
        Double mw = null;
        if (best.length >= 2 && other.length >= 2) {
            double va = new DescriptiveStatistics(best).getVariance() / best.length;
            double vb = new DescriptiveStatistics(other).getVariance() / other.length;
            double se = Math.sqrt(va + vb);
            if (se > 0) {
                double df = (va + vb) * (va + vb)
                        / (va * va / (best.length - 1) + vb * vb / (other.length - 1));
                double half = tQuantile(df) * se;
                low = diff - half;
                high = diff + half;
                p = new TTest().tTest(best, other);
            } else { // both constant: the difference is exactly what was measured
                low = diff;
                high = diff;
                p = diff == 0 ? 1.0 : 0.0;
            }
            mw = new MannWhitneyUTest().mannWhitneyUTest(best, other);
        }
        Double confidence = null;
        if (p != null) {
            boolean ourWay = lowerIsBetter ? diff < 0 : diff > 0;
            confidence = ourWay ? 1 - p / 2 : p / 2;
        }
        String statement = statement(metric, bestIndex, otherIndex, diff, low, high, p, mw, confidence,
                best.length, other.length);
        return new SweepComparison(TEST, bestIndex, otherIndex, metric.id(), diff, low, high, p, mw, confidence,
                statement);
    }

    private static String statement(SweepMetric metric, int a, int b, double diff, Double low, Double high, Double p,
                                    Double mw, Double confidence, int na, int nb) {
        String unit = " " + metric.unit();
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "point %d against point %d on mean %s: difference %s%s", a, b, metric.id(), number(metric, diff), unit));
        if (p == null) {
            return s.append(String.format(Locale.ROOT,
                    " (n = %d and %d: too few samples for a test; run more trials)", na, nb)).toString();
        }
        s.append(String.format(Locale.ROOT, " (95%% CI %s to %s%s); %s: p = %.4f; Mann–Whitney U: p = %.4f; "
                        + "one-sided confidence that point %d is better: %.2f%% (n = %d and %d)",
                number(metric, low), number(metric, high), unit, TEST, p, mw, a, confidence * 100, na, nb));
        return s.toString();
    }

    private static String number(SweepMetric metric, double v) {
        return String.format(Locale.ROOT, "ms".equals(metric.unit()) ? "%.0f" : "%.3f", v);
    }

    private static double tQuantile(double df) {
        return new TDistribution(df).inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
    }

    private static double mean(double[] v) {
        return v.length == 0 ? Double.NaN : Arrays.stream(v).average().orElse(Double.NaN);
    }
}
