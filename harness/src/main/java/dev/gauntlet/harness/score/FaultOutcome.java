package dev.gauntlet.harness.score;

import dev.gauntlet.report.run.FaultResult;
import java.util.List;

/**
 * One fault scored against the view: the {@link FaultResult} saved in result.json plus what the checks
 * need to judge a fault that was never detected or never recovered.
 *
 * @param detectionWindowMs  how long after the inject the view was watched for the detection: to the heal,
 *                           or to the run's end when the fault was not healed
 * @param recoveryWindowMs   from the heal to the run's end; null when not healed
 * @param usableAtHeal       whether the view already had the endpoint usable at the heal; null if unknown
 * @param viewReason         why detection and recovery are unknown; null when the view covers this endpoint
 * @param boundReason        why the bounds are null; null when they are known or the fault has none
 */
record FaultOutcome(FaultResult result, FaultSpan span, double detectionWindowMs, Double recoveryWindowMs,
                    Boolean usableAtHeal, String viewReason, String boundReason) {

    static FaultOutcome of(FaultSpan span, RunFacts facts) {
        var inject = span.inject();
        long injectUs = inject.tUs();
        Long healUs = span.healed() ? span.heal().tUs() : null;
        long limitUs = healUs != null ? healUs : facts.endUs();
        double detectionWindowMs = Math.max(0, limitUs - injectUs) / 1000.0;
        Double recoveryWindowMs = healUs == null ? null : Math.max(0, facts.endUs() - healUs) / 1000.0;

        HealthCheckBounds bounds = facts.bounds();
        List<Double> bound = bounds == null ? null : bounds.detection(inject.detection());
        List<Double> recoveryBound = bounds != null && span.detectable() && healUs != null ? bounds.recovery() : null;
        String boundReason = bounds == null && span.detectable() ? facts.boundsReason() : null;

        StepTimeline<Boolean> view = facts.view() == null ? null : facts.view().get(inject.target());
        String viewReason = facts.view() == null ? facts.viewReason()
                : view == null ? inject.target() + " is not in the view of cluster " + facts.manifest().cluster() : null;

        Double detectionMs = null;
        Boolean insideBound = null;
        Double recoveryMs = null;
        Boolean recoveryInside = null;
        Boolean usableAtHeal = null;
        if (view != null && span.detectable()) {
            if (!view.at(injectUs)) {
                detectionMs = 0.0;
            } else {
                Long t = view.firstChangeTo(false, injectUs, limitUs);
                detectionMs = t == null ? null : (t - injectUs) / 1000.0;
            }
            insideBound = inside(detectionMs, detectionWindowMs, bound);
        }
        if (view != null && healUs != null) {
            usableAtHeal = view.at(healUs);
            if (usableAtHeal) {
                recoveryMs = 0.0; // nothing left to recover: no bound applies
            } else {
                Long t = view.firstChangeTo(true, healUs, Long.MAX_VALUE);
                recoveryMs = t == null ? null : (t - healUs) / 1000.0;
                recoveryInside = inside(recoveryMs, recoveryWindowMs, recoveryBound);
            }
        }
        long startUs = facts.startUs();
        FaultResult result = new FaultResult(inject.faultId(), inject.action(), inject.target(),
                Math.floorDiv(injectUs - startUs, 1000), healUs == null ? null : Math.floorDiv(healUs - startUs, 1000),
                inject.verified(), inject.verification(), inject.detection(), detectionMs, recoveryMs,
                bound, insideBound, recoveryBound, recoveryInside);
        return new FaultOutcome(result, span, detectionWindowMs, recoveryWindowMs, usableAtHeal, viewReason, boundReason);
    }

    /**
     * Inside [low, high]; a value never seen although the watch lasted longer than high is outside (false);
     * never seen within a watch shorter than high is unknown (null).
     */
    private static Boolean inside(Double valueMs, Double watchedMs, List<Double> bound) {
        if (bound == null) {
            return null;
        }
        if (valueMs == null) {
            return watchedMs != null && watchedMs > bound.get(1) ? Boolean.FALSE : null;
        }
        return valueMs >= bound.get(0) && valueMs <= bound.get(1);
    }
}
