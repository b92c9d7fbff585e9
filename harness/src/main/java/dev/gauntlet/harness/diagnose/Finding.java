package dev.gauntlet.harness.diagnose;

import java.util.List;

/**
 * One diagnosed cause with its evidence and the concrete change that would avoid it, phrased in the gateway
 * kind's own setting ({@link dev.gauntlet.harness.kind.SettingNames}). Used both after a run (per NHU episode,
 * false ejection, late detection, loss without NHU) and by {@code ./run.sh diagnose} against a live gateway.
 *
 * <pre>{@code
 * new Finding(Cause.HEALTH_AUTH, "healthCheck.expectedStatuses",
 *     "accept 401 in `http-check expect status 200,401` or give the check credentials",
 *     List.of(new Evidence(Evidence.Source.HEALTH_CHECK, "GET /health", "401", null)),
 *     List.of(), null, 12_400.0);
 * }</pre>
 *
 * @param cause        the guide's cause
 * @param setting      the neutral setting path the change is about (e.g. {@code healthCheck.timeout}), or null
 * @param change       the change that would have avoided it, in the kind's own words
 * @param evidence     what it rests on, strongest first (never empty)
 * @param alternatives causes the evidence does not rule out (empty when it decides)
 * @param wouldDecide  what observation would decide between them, or null when it decides
 * @param weight       how much it cost, for ranking: NHU ms after a run, failed requests when NHU was 0; for a
 *                     live diagnosis, the number of endpoints it affects
 */
public record Finding(Cause cause, String setting, String change, List<Evidence> evidence,
                      List<Cause> alternatives, String wouldDecide, double weight) {
    public Finding {
        java.util.Objects.requireNonNull(cause, "cause");
        java.util.Objects.requireNonNull(change, "change");
        evidence = List.copyOf(evidence);
        alternatives = List.copyOf(alternatives);
        if (evidence.isEmpty()) {
            throw new IllegalArgumentException("a finding needs evidence: " + cause);
        }
    }

    /** A finding the evidence decides. */
    public static Finding of(Cause cause, String setting, String change, List<Evidence> evidence, double weight) {
        return new Finding(cause, setting, change, evidence, List.of(), null, weight);
    }

    /** Whether the evidence decides the cause. */
    public boolean decided() {
        return alternatives.isEmpty();
    }
}
