package dev.gauntlet.report.run;

import java.util.List;

/**
 * One injected fault, scored against the gateway's view.
 *
 * @param atMs          when the fault took effect, ms since the run's start
 * @param healedAtMs    when it was healed, or null if it lasted to the end
 * @param detectionMs   truth bad → view unusable; null when never detected (or not applicable)
 * @param recoveryMs    truth good again → view usable; null when never recovered
 * @param boundMs       predicted detection bound [low, high] from the gateway's config; null when none applies
 * @param insideBound   whether detectionMs lies inside boundMs; null when either is unknown
 * @param recoveryBoundMs predicted recovery bound [low, high]
 * @param recoveryInsideBound whether recoveryMs lies inside recoveryBoundMs
 */
public record FaultResult(
        String faultId,
        String action,
        String target,
        long atMs,
        Long healedAtMs,
        boolean verified,
        String verification,
        String detection,
        Double detectionMs,
        Double recoveryMs,
        List<Double> boundMs,
        Boolean insideBound,
        List<Double> recoveryBoundMs,
        Boolean recoveryInsideBound) {
}
