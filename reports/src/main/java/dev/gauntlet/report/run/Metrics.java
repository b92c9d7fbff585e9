package dev.gauntlet.report.run;

import java.util.Map;

/**
 * Whole-run metrics. A null value means unknown (e.g. view-based metrics for a gateway with no view).
 *
 * @param phases baseline | fault | recovery → the same metrics for that phase
 */
public record Metrics(
        Double avoidableNhuMs,
        Double unavoidableNhuMs,
        Double availability,
        Double p50Ms,
        Double p90Ms,
        Double p99Ms,
        Double maxMs,
        long requests,
        Double achievedRatePerSec,
        Double targetRatePerSec,
        Map<String, Long> causes,
        Map<String, PhaseMetrics> phases) {

    public Metrics {
        causes = causes == null ? Map.of() : Map.copyOf(causes);
        phases = phases == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(phases));
    }
}
