package dev.gauntlet.harness.score;

import dev.gauntlet.report.run.FaultResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The resilience score 0–100: a weighted mean of six parts, each scaled to 0–1; unknown parts are left out
 * and the remaining weights renormalised. The formula, with this run's values, is printed in the report.
 *
 * <pre>{@code
 * ResilienceScore s = ResilienceScore.of(0.0, 0.95, 1.0, null, 20.0, 40.0);
 * s.value();   // 100 × (30·1 + 30·0.5 + 15·1 + 10·0.5) / 85 = 76.5 (false ejections unknown, left out)
 * s.formula(); // the formula and the numbers behind the value
 * }</pre>
 */
record ResilienceScore(Double value, String formula) {

    static final double W_NHU = 30;
    static final double W_AVAILABILITY = 30;
    static final double W_DETECTION = 15;
    static final double W_RECOVERY = 15;
    static final double W_TAIL = 10;
    static final double W_FALSE_EJECTIONS = 10;
    /**
     * Falsely-ejected endpoint-seconds at which the false-ejection part is 0.5. Ten times gentler than avoidable
     * NHU's 1 s: a false ejection takes away one endpoint's share of capacity, NHU takes away all of it.
     */
    static final double FALSE_EJECTION_HALF_SECONDS = 10;
    /** Availability below 1 − 1/slope (90%) scores 0: 99% → 0.9, 95% → 0.5. */
    static final double AVAILABILITY_SLOPE = 10;

    static final String DEFINITION = "score = 100 × Σ wᵢ·sᵢ / Σ wᵢ over the known parts; unknown parts are left out"
            + " and the weights renormalised. Parts: avoidable NHU (w=30, s = 1/(1 + avoidable NHU in s));"
            + " availability in the fault phase, or the whole run without faults (w=30, s = max(0, 1 − 10·(1 − a)));"
            + " detection inside bound (w=15, s = share of faults with a decided bound check inside it);"
            + " recovery inside bound (w=15, s = likewise);"
            + " false ejections (w=10, s = 1/(1 + falsely-ejected endpoint-seconds / 10));"
            + " tail latency (w=10, s = min(1, p99 baseline / p99 fault)).";

    private record Part(String name, double weight, Double score) {
    }

    /**
     * The five parts of the first version, without false ejections (not even as an unknown part): for callers
     * that have no view-based false-ejection figure to give.
     */
    static ResilienceScore of(Double avoidableNhuMs, Double availability, Double detectionShare,
                              Double recoveryShare, Double p99BaselineMs, Double p99FaultMs) {
        return of(avoidableNhuMs, availability, detectionShare, recoveryShare, p99BaselineMs, p99FaultMs, null, false);
    }

    /**
     * From the scored run: whole-run avoidable NHU, fault-phase availability, the faults' bound checks, p99s,
     * and the whole run's falsely-ejected endpoint-seconds.
     */
    static ResilienceScore of(Double avoidableNhuMs, Double availability, Double detectionShare,
                              Double recoveryShare, Double p99BaselineMs, Double p99FaultMs,
                              Double falseEjectionSeconds) {
        return of(avoidableNhuMs, availability, detectionShare, recoveryShare, p99BaselineMs, p99FaultMs,
                falseEjectionSeconds, true);
    }

    private static ResilienceScore of(Double avoidableNhuMs, Double availability, Double detectionShare,
                                      Double recoveryShare, Double p99BaselineMs, Double p99FaultMs,
                                      Double falseEjectionSeconds, boolean withFalseEjections) {
        List<Part> all = List.of(
                new Part("avoidable NHU", W_NHU, avoidableNhuMs == null ? null : 1.0 / (1.0 + avoidableNhuMs / 1000.0)),
                new Part("availability", W_AVAILABILITY,
                        availability == null ? null : Math.max(0.0, 1.0 - AVAILABILITY_SLOPE * (1.0 - availability))),
                new Part("detection", W_DETECTION, detectionShare),
                new Part("recovery", W_RECOVERY, recoveryShare),
                new Part("false ejections", W_FALSE_EJECTIONS, falseEjectionSeconds == null ? null
                        : 1.0 / (1.0 + falseEjectionSeconds / FALSE_EJECTION_HALF_SECONDS)),
                new Part("tail latency", W_TAIL, tail(p99BaselineMs, p99FaultMs)));
        List<Part> parts = withFalseEjections ? all
                : all.stream().filter(p -> !p.name().equals("false ejections")).toList();
        double weighted = 0;
        double weights = 0;
        List<String> terms = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (Part p : parts) {
            if (p.score() == null) {
                unknown.add(p.name());
                continue;
            }
            weighted += p.weight() * p.score();
            weights += p.weight();
            terms.add(String.format(Locale.ROOT, "%s %.0f·%.3f", p.name(), p.weight(), p.score()));
        }
        if (weights == 0) {
            return new ResilienceScore(null, DEFINITION + " This run: no part is known, so no score.");
        }
        double value = Math.round(1000.0 * weighted / weights) / 10.0;
        String run = String.format(Locale.ROOT, " This run: 100 × (%s) / %.0f = %.1f", String.join(" + ", terms), weights, value)
                + (unknown.isEmpty() ? "." : "; unknown, left out: " + String.join(", ", unknown) + ".");
        return new ResilienceScore(value, DEFINITION + run);
    }

    /** Share of faults whose bound check is decided (true or false) that lie inside; null when none is decided. */
    static Double share(List<FaultResult> faults, Function<FaultResult, Boolean> inside) {
        long decided = faults.stream().map(inside).filter(b -> b != null).count();
        if (decided == 0) {
            return null;
        }
        return (double) faults.stream().map(inside).filter(Boolean.TRUE::equals).count() / decided;
    }

    private static Double tail(Double baseline, Double fault) {
        if (baseline == null || fault == null || baseline <= 0) {
            return null;
        }
        return fault <= 0 ? 1.0 : Math.min(1.0, baseline / fault);
    }
}
