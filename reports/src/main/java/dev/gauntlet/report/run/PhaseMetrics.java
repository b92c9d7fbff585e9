package dev.gauntlet.report.run;

import java.util.Map;

/**
 * Metrics restricted to one phase, by request start time.
 *
 * @param startMs phase start, milliseconds since the run's start
 * @param endMs   phase end, milliseconds since the run's start
 * @param causes  outcome counts by cause: ok, UH, UO, UF, UT, URX, backend_5xx, client_timeout, client_error, other
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
        Map<String, Long> causes) {

    public PhaseMetrics {
        causes = causes == null ? Map.of() : Map.copyOf(causes);
    }
}
