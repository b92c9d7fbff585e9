package dev.gauntlet.report.sweep;

import java.util.List;
import java.util.Map;

/**
 * One point of a sweep as the report shows it: its settings, each metric's summary, and how it fared.
 *
 * <pre>{@code
 * row.metrics().get("detection_time").mean();   // ms
 * row.settings().get("healthCheck.interval");   // "500ms"
 * }</pre>
 *
 * @param settings         parameter path → value as written in YAML
 * @param objectiveValue   the objective's statistic of the objective metric; null when unknown
 * @param violations       the constraints the point's means break, in words; empty when feasible
 * @param onFront          whether the point is on the Pareto front of the report's two metrics
 * @param detectionBoundMs the predicted detection bound [low, high] of its settings (null: none)
 * @param trials           trials completed
 * @param undetected       detectable faults never detected within their bound
 */
public record SweepPointRow(int index, Map<String, String> settings, Map<String, MetricSummary> metrics,
                            Double objectiveValue, boolean feasible, List<String> violations, boolean onFront,
                            List<Double> detectionBoundMs, int trials, int undetected) {

    public SweepPointRow {
        settings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
        metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
        violations = List.copyOf(violations);
    }
}
