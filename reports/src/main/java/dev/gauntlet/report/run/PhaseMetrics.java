package dev.gauntlet.report.run;

import java.util.Map;

/**
 * Metrics restricted to one phase, by request start time. Later versions append components; existing
 * ones never change meaning (docs/result-schema.json).
 *
 * <pre>{@code
 * PhaseMetrics fault = result.metrics().phases().get("fault");
 * fault.availability();     // 0.994
 * fault.falseEjections();   // 0: every ejection in this phase began while the endpoint was down
 * }</pre>
 *
 * @param startMs phase start, milliseconds since the run's start
 * @param endMs   phase end, milliseconds since the run's start
 * @param causes  outcome counts by cause: ok, UH, UO, UF, UT, URX, backend_5xx, client_timeout, client_error, other
 * @param falseEjections       false ejections that began in this phase (null without a view)
 * @param falseEjectionSeconds endpoint-seconds of false ejections (truth up, view unusable) inside this phase
 * @param nhuLatencyP50Ms      median latency of this phase's NHU answers (flag UH); null when there were none
 * @param nhuLatencyP99Ms      p99 latency of this phase's NHU answers
 */
public record PhaseMetrics(
        long startMs,
        long endMs,
        long requests,
        Double availability,
        Double p50Ms,
        Double p90Ms,
        Double p99Ms,
        Double maxMs,
        Double avoidableNhuMs,
        Double unavoidableNhuMs,
        Map<String, Long> causes,
        Long falseEjections,
        Double falseEjectionSeconds,
        Double nhuLatencyP50Ms,
        Double nhuLatencyP99Ms) {

    public PhaseMetrics {
        causes = causes == null ? Map.of() : Map.copyOf(causes);
    }

    /** The first version's components; every later one unknown. */
    public PhaseMetrics(long startMs, long endMs, long requests, Double availability, Double p50Ms, Double p90Ms,
                        Double p99Ms, Double maxMs, Double avoidableNhuMs, Double unavoidableNhuMs,
                        Map<String, Long> causes) {
        this(startMs, endMs, requests, availability, p50Ms, p90Ms, p99Ms, maxMs, avoidableNhuMs, unavoidableNhuMs,
                causes, null, null, null, null);
    }
}
