package dev.gauntlet.report.run;

import java.util.Map;

/**
 * Whole-run metrics. A null value means unknown (e.g. view-based metrics for a gateway with no view).
 * Later versions append components; existing ones never change meaning (docs/result-schema.json).
 *
 * <pre>{@code
 * Metrics m = new RunDirectory(Path.of("runs/20261126-101500-one-of-three-crashes")).result().metrics();
 * m.avoidableNhuMs();        // 0.0
 * m.retryAmplification();    // 1.004: upstream attempts per client request
 * m.phases().get("fault");   // the same metrics for the fault phase
 * }</pre>
 *
 * @param phases baseline | fault | recovery → the same metrics for that phase
 * @param falseEjections        stretches of the view taking an endpoint out that began while its truth was up
 * @param falseEjectionSeconds  endpoint-seconds of those stretches while the truth stayed up
 * @param retryAmplification    the gateway's upstream attempts ÷ its client requests (gateway-metrics.prom)
 * @param nhuLatencyP50Ms       median latency of the requests the gateway answered NHU (flag UH)
 * @param nhuLatencyP99Ms       p99 latency of those requests: how fast the gateway fails when it has nothing
 * @param timeToFullCapacityMs  last heal → every endpoint usable again (and at full weight after slow start)
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
        Map<String, PhaseMetrics> phases,
        Long falseEjections,
        Double falseEjectionSeconds,
        Double retryAmplification,
        Double nhuLatencyP50Ms,
        Double nhuLatencyP99Ms,
        Double timeToFullCapacityMs) {

    public Metrics {
        causes = causes == null ? Map.of() : Map.copyOf(causes);
        phases = phases == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(phases));
    }

    /** The first version's components; every later one unknown. */
    public Metrics(Double avoidableNhuMs, Double unavoidableNhuMs, Double availability, Double p50Ms, Double p90Ms,
                   Double p99Ms, Double maxMs, long requests, Double achievedRatePerSec, Double targetRatePerSec,
                   Map<String, Long> causes, Map<String, PhaseMetrics> phases) {
        this(avoidableNhuMs, unavoidableNhuMs, availability, p50Ms, p90Ms, p99Ms, maxMs, requests, achievedRatePerSec,
                targetRatePerSec, causes, phases, null, null, null, null, null, null);
    }
}
