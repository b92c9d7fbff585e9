package dev.gauntlet.report.run;

/**
 * One mechanism's predicted range for a fault (result.json {@code faults[].detection_bounds}): when the gateway's
 * active checks, or its passive outlier detection, ... would make the endpoint unusable, or why there is no range.
 *
 * <pre>{@code new MechanismBound("outlier_ejection", 15.0, 100.0, "passive ejection after C=5 ...", null)}</pre>
 *
 * @param mechanism  {@code active_check}, {@code outlier_ejection}, ... (DetectionModel.Mechanism ids)
 * @param lowMs      earliest, ms after the effect; null when unknown
 * @param highMs     latest; null when unknown
 * @param derivation how it was computed, with this run's figures
 * @param reason     why there is no range (null when there is one)
 */
public record MechanismBound(String mechanism, Double lowMs, Double highMs, String derivation, String reason) {

    public boolean known() {
        return lowMs != null && highMs != null;
    }
}
