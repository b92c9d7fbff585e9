package dev.gauntlet.harness.sweep;

/**
 * What the sweep optimises: a metric, the statistic of its samples that is compared between points, and
 * the direction. {@code objective: { minimise: detection_time, statistic: p95 }}.
 *
 * <pre>{@code
 * Objective o = new Objective(SweepMetric.DETECTION_TIME, "p95", true);
 * o.better(1800, 2400);   // true: lower is better when minimising
 * }</pre>
 *
 * @param statistic {@code mean}, {@code median}, {@code p95} or {@code max} over the point's samples
 */
public record Objective(SweepMetric metric, String statistic, boolean minimise) {

    public static final java.util.Set<String> STATISTICS = java.util.Set.of("mean", "median", "p95", "max");

    public Objective {
        if (!STATISTICS.contains(statistic)) {
            throw new IllegalArgumentException(statistic + " (expected: mean, median, p95 or max)");
        }
    }

    public boolean better(double a, double b) {
        return minimise ? a < b : a > b;
    }

    @Override
    public String toString() {
        return (minimise ? "minimise " : "maximise ") + statistic + " " + metric.id();
    }
}
