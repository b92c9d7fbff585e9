package dev.gauntlet.report.sweep;

/**
 * One metric of one sweep point over its samples: mean with a 95% confidence interval and the order
 * statistics. Null values are unknown (no samples, or a single sample for the interval).
 *
 * <pre>{@code
 * MetricSummary s = new MetricSummary("detection_time", "ms", 4, 2100.0, 120.0, 1909.0, 2291.0, 2090.0, 2260.0, 2260.0);
 * s.ciText();   // "1909–2291"
 * }</pre>
 *
 * @param n      number of samples (faults for detection/recovery time, trials otherwise)
 * @param sd     sample standard deviation
 * @param ciLow  lower end of the two-sided 95% t-interval of the mean
 * @param p95    nearest-rank 95th percentile
 */
public record MetricSummary(String metric, String unit, int n, Double mean, Double sd, Double ciLow, Double ciHigh,
                            Double median, Double p95, Double max) {

    /** The statistic named {@code mean}, {@code median}, {@code p95} or {@code max}; null when unknown. */
    public Double statistic(String name) {
        return switch (name) {
            case "mean" -> mean;
            case "median" -> median;
            case "p95" -> p95;
            case "max" -> max;
            default -> null;
        };
    }
}
