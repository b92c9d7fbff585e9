package dev.gauntlet.harness.gate;

import dev.gauntlet.harness.score.Expectation;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The gate's statistics over repeated trials: a metric's mean with its two-sided 95% Student-t confidence
 * interval, and the decision a CI gate takes on it.
 *
 * <pre>{@code
 * GateStatistics.Interval ci = GateStatistics.interval(List.of(0.995, 0.999, 0.997));
 * ci.mean();   // 0.997
 * ci.low();    // 0.992... = mean − t(0.975, 2) · s / √3
 * GateStatistics.passes(Expectation.parse("availability", ">= 99%"), ci);   // judged on ci.low()
 * }</pre>
 *
 * <p>A {@code >=} or {@code >} check passes when the interval's lower end meets the threshold, a {@code <=}
 * or {@code <} check when its upper end does, and {@code ==} when both ends do: the gate passes only when the
 * data make it 97.5% likely (one-sided) that the true mean is on the right side. With identical values the
 * interval is the single value.
 */
public final class GateStatistics {

    /** Two-sided confidence level of every interval. */
    public static final double CONFIDENCE = 0.95;

    private GateStatistics() {
    }

    /**
     * A mean and its confidence interval over {@code n} trials.
     *
     * @param sd the sample standard deviation (n − 1 in the denominator)
     */
    public record Interval(double mean, double low, double high, double sd, int n) {
    }

    /** The 95% t-interval of the values; needs at least two. */
    public static Interval interval(List<Double> values) {
        int n = values.size();
        if (n < 2) {
            throw new IllegalArgumentException("values: " + values + " (expected: at least 2 values for an interval)");
        }
        double mean = values.stream().mapToDouble(Double::doubleValue).sum() / n;
        double ss = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        double sd = Math.sqrt(ss / (n - 1));
        double t = new TDistribution(n - 1).inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
        double half = t * sd / Math.sqrt(n);
        return new Interval(mean, mean - half, mean + half, sd, n);
    }

    /** Whether the interval meets the expectation by the rule above. */
    public static boolean passes(Expectation e, Interval ci) {
        return switch (e.comparator()) {
            case GE, GT -> e.comparator().test(ci.low(), e.threshold());
            case LE, LT -> e.comparator().test(ci.high(), e.threshold());
            case EQ -> e.comparator().test(ci.low(), e.threshold()) && e.comparator().test(ci.high(), e.threshold());
        };
    }

    /** The end of the interval the decision rests on, in words: {@code "lower end 99.12%"}. */
    public static String decidingEnd(Expectation e, Interval ci) {
        return switch (e.comparator()) {
            case GE, GT -> "lower end " + format(e.metric().kind(), ci.low());
            case LE, LT -> "upper end " + format(e.metric().kind(), ci.high());
            case EQ -> "interval " + format(e.metric().kind(), ci.low()) + " – " + format(e.metric().kind(), ci.high());
        };
    }

    /** {@code "mean 99.61% (95% CI 99.40% – 99.82%, n=3)"}. */
    public static String describe(Expectation.Kind kind, Interval ci) {
        return "mean " + format(kind, ci.mean()) + " (95% CI " + format(kind, ci.low()) + " – "
                + format(kind, ci.high()) + ", n=" + ci.n() + ")";
    }

    /** A value in the threshold's unit, for people. */
    public static String format(Expectation.Kind kind, double v) {
        return switch (kind) {
            case DURATION -> String.format(Locale.ROOT, "%.1f ms", v);
            case PERCENT -> String.format(Locale.ROOT, "%.3f%%", v * 100);
            case COUNT -> String.format(Locale.ROOT, "%.2f", v);
            case RATE -> String.format(Locale.ROOT, "%.1f/s", v);
            case RATIO -> String.format(Locale.ROOT, "%.4f", v);
        };
    }

    /** The trial values, for a failure message: {@code "[99.5%, 98.9%, 99.7%]"}. */
    public static String values(Expectation.Kind kind, List<Double> values) {
        return Arrays.toString(values.stream().map(v -> format(kind, v)).toArray());
    }
}
