package dev.gauntlet.report.text;

import dev.gauntlet.report.run.FaultResult;
import dev.gauntlet.report.run.Metrics;
import dev.gauntlet.report.run.PhaseMetrics;
import dev.gauntlet.report.run.Result;
import java.util.Comparator;
import java.util.List;

/**
 * The three numbers that matter in a run, picked the same way for the HTML report and the CI summary:
 * avoidable NHU, the worst detection time against its bound, and availability during the fault phase.
 *
 * <pre>{@code
 * FaultResult worst = KeyNumbers.worstDetection(result.faults());
 * String line = KeyNumbers.detectionText(worst);   // "1840 ms (bound 2000–3500 ms, inside: no)"
 * Double availability = KeyNumbers.faultAvailability(result.metrics());
 * }</pre>
 */
public final class KeyNumbers {

    public static final String FAULT_PHASE = "fault";

    private KeyNumbers() {
    }

    /**
     * The fault whose detection took longest, among faults that have a detection time or a bound;
     * a fault with a bound that was never detected is the worst of all. Null when none qualifies.
     */
    public static FaultResult worstDetection(List<FaultResult> faults) {
        if (faults == null) {
            return null;
        }
        return faults.stream()
                .filter(f -> f.detectionMs() != null || f.boundMs() != null)
                .max(Comparator.comparingDouble(f -> f.detectionMs() == null ? Double.MAX_VALUE : f.detectionMs()))
                .orElse(null);
    }

    /**
     * {@code "1840–1841 ms by active checks (bound 2000–3500 ms, inside: no)"}, {@code "never detected (...)"}, or
     * unknown. The mechanism is left out for results scored before view events named it.
     */
    public static String detectionText(FaultResult worst) {
        if (worst == null) {
            return Display.UNKNOWN;
        }
        String value = worst.detectionMs() == null && worst.detectionBracketMs() == null ? "never detected"
                : Display.bracket(worst.detectionBracketMs(), worst.detectionMs());
        String by = worst.mechanism() == null ? "" : " by " + Display.mechanism(worst.mechanism());
        return value + by + " (bound " + Display.bound(worst.boundMs()) + ", inside: " + Display.yesNo(worst.insideBound()) + ")";
    }

    /** Availability of the fault phase, or null when unknown (no metrics, no fault phase). */
    public static Double faultAvailability(Metrics metrics) {
        PhaseMetrics p = faultPhase(metrics);
        return p == null ? null : p.availability();
    }

    /** The fault phase's metrics, or null. */
    public static PhaseMetrics faultPhase(Metrics metrics) {
        return metrics == null ? null : metrics.phases().get(FAULT_PHASE);
    }

    /** Avoidable NHU in ms, or null when unknown. */
    public static Double avoidableNhuMs(Result result) {
        return result == null || result.metrics() == null ? null : result.metrics().avoidableNhuMs();
    }
}
