package dev.gauntlet.report.run;

import java.util.List;

/**
 * One injected fault, scored against the gateway's view.
 *
 * <p>Every effect is bracketed: the harness began it at {@code requested_us} and verified it at {@code t_us}, and the
 * view stamp may be late by run.json {@code view_resolution_us}, so a detection's true time lies in
 * {@code detectionBracketMs}, and a bound check passes only when the whole bracket is inside the bound.
 *
 * <pre>{@code
 * FaultResult f = result.faults().get(0);
 * f.mechanism();             // "outlier_ejection"
 * f.detectionBracketMs();    // [40.2, 41.0]
 * f.detectionNote();         // "outlier ejection at 41 ms (passive bound [20, 60] ms ...); active checks would ..."
 * }</pre>
 *
 * @param atMs          when the fault took effect (verified), ms since the run's start
 * @param healedAtMs    when it was healed, or null if it lasted to the end
 * @param detectionMs   from the verified inject to the view's first unusable stamp; null when never detected or
 *                      unknown (not applicable, not verified, view lost)
 * @param recoveryMs    from the verified heal to the view's first usable stamp; null when never recovered or unknown
 * @param boundMs       the bound the detection is judged against: that of the mechanism that fired; for a fault
 *                      never detected, [lowest low, latest high] over the mechanisms; null when none applies
 * @param insideBound   whether the whole detection bracket lies inside boundMs (false: wholly outside, or faster than
 *                      every mechanism's lower bound); null when undecided or unknown
 * @param recoveryBoundMs the recovery bound of the mechanism that held the endpoint out at the heal
 * @param recoveryInsideBound whether the whole recovery bracket lies inside recoveryBoundMs
 * @param requestedAtMs when the harness began the inject, ms since the run's start
 * @param detectionBracketMs [low, high] of the true time to detect: [stamp − resolution − verified, stamp − requested]
 * @param mechanism     the mechanism whose view event made the endpoint unusable ({@code unknown} when the view did not
 *                      say); null when not detected
 * @param mechanismDetail what it saw ({@code refused}, {@code consecutive_gateway_failure=5}); null when not said
 * @param detectionBounds every mechanism's detection bound at this fault (config in effect at the inject)
 * @param detectionNote which mechanism fired and why the others did not fire first, or why detection is unknown
 * @param recoveryBracketMs [low, high] of the true time to recover
 * @param recoveryMechanism the mechanism that held the endpoint out at the heal
 * @param recoveryNote  how recovery was judged, or why it is unknown
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
        Boolean recoveryInsideBound,
        Long requestedAtMs,
        List<Double> detectionBracketMs,
        String mechanism,
        String mechanismDetail,
        List<MechanismBound> detectionBounds,
        String detectionNote,
        List<Double> recoveryBracketMs,
        String recoveryMechanism,
        String recoveryNote) {

    public FaultResult {
        detectionBounds = detectionBounds == null ? List.of() : List.copyOf(detectionBounds);
    }

    /** A result without brackets and mechanisms (run directories scored before they existed, tests). */
    public FaultResult(String faultId, String action, String target, long atMs, Long healedAtMs, boolean verified,
                       String verification, String detection, Double detectionMs, Double recoveryMs,
                       List<Double> boundMs, Boolean insideBound, List<Double> recoveryBoundMs,
                       Boolean recoveryInsideBound) {
        this(faultId, action, target, atMs, healedAtMs, verified, verification, detection, detectionMs, recoveryMs,
                boundMs, insideBound, recoveryBoundMs, recoveryInsideBound, null, null, null, null, List.of(), null,
                null, null, null);
    }
}
