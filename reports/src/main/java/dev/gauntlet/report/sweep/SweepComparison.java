package dev.gauntlet.report.sweep;

/**
 * The recommended point against the runner-up on the objective metric: the stated test, the difference of
 * means with its 95% interval, and what that means as a margin of confidence.
 *
 * <pre>{@code
 * comparison.statement();   // "point 1 beats point 3 by 812 ms on mean detection_time (95% CI 420–1204 ms); ..."
 * }</pre>
 *
 * @param test           the test used, e.g. "Welch's two-sample t-test (unequal variances)"
 * @param difference     mean(best) − mean(runner-up), in the metric's unit
 * @param ciLow          lower end of the 95% Welch interval of the difference; null when it cannot be computed
 * @param pValue         two-sided p-value of the test; null when there are too few samples
 * @param mannWhitneyP   two-sided p-value of the Mann–Whitney U test, as a distribution-free cross-check
 * @param confidence     one-sided confidence that the best point is better: 1 − p/2 when the difference
 *                       points its way, else p/2; null with the p-value
 */
public record SweepComparison(String test, int bestIndex, int runnerUpIndex, String metric, double difference,
                              Double ciLow, Double ciHigh, Double pValue, Double mannWhitneyP, Double confidence,
                              String statement) {
}
