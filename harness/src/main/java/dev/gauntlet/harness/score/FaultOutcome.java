package dev.gauntlet.harness.score;

import dev.gauntlet.harness.kind.DetectionModel;
import dev.gauntlet.harness.kind.DetectionModel.Bound;
import dev.gauntlet.harness.kind.DetectionModel.Mechanism;
import dev.gauntlet.report.run.FaultResult;
import dev.gauntlet.report.run.MechanismBound;
import dev.gauntlet.report.run.TimelineEvent;
import dev.gauntlet.report.run.ViewEvent;
import java.util.List;
import java.util.Locale;

/**
 * One fault scored against the view: the {@link FaultResult} saved in result.json plus what the checks need to
 * judge it.
 *
 * <p>Brackets: the fault took effect somewhere in [inject {@code requested_us}, inject {@code t_us}] and the view's
 * stamp may be late by run.json {@code view_resolution_us} (R), so with the view's first unusable stamp s the true
 * time to detect lies in [max(0, s − R − t_us), s − requested_us]. Recovery likewise from the heal.
 *
 * @param detectionWatchMs how long the fault was certainly in effect and watched without a detection: from the
 *                         verified inject to the heal's start (or the run's end), less R
 * @param recoveryWatchMs  from the verified heal to the run's end, less R; null when not healed
 * @param usableAtHeal     whether the view had the endpoint usable when the heal began; null if unknown
 * @param viewReason       why detection and recovery are unknown for want of a view; null when the view covers it
 * @param boundReason      why the detection bound is null; null when it is known or the fault has none
 * @param recoveryBoundReason why the recovery bound is null
 * @param detectionUnknown why detection is unknown although there is a view (not verified, view lost); else null
 * @param recoveryUnknown  why recovery is unknown although there is a view (heal not verified, view lost); else null
 */
record FaultOutcome(FaultResult result, FaultSpan span, double detectionWatchMs, Double recoveryWatchMs,
                    Boolean usableAtHeal, String viewReason, String boundReason, String recoveryBoundReason,
                    String detectionUnknown, String recoveryUnknown) {

    static FaultOutcome of(FaultSpan span, RunFacts facts) {
        TimelineEvent inject = span.inject();
        long injectUs = inject.tUs();
        long injectReqUs = requested(inject);
        TimelineEvent heal = span.heal();
        Long healUs = heal == null ? null : heal.tUs();
        Long healReqUs = heal == null ? null : requested(heal);
        long limitUs = healUs != null ? healUs : facts.endUs();
        long r = facts.viewResolutionUs();
        double detectionWatchMs = Math.max(0, (healReqUs != null ? healReqUs : facts.endUs()) - injectUs - r) / 1000.0;
        Double recoveryWatchMs = healUs == null ? null : Math.max(0, facts.endUs() - healUs - r) / 1000.0;
        String cluster = facts.manifest().cluster();

        StepTimeline<Boolean> view = facts.view() == null ? null : facts.view().get(inject.target());
        String viewReason = facts.view() == null ? facts.viewReason()
                : view == null ? inject.target() + " is not in the view of cluster " + cluster : null;

        DetectionModel.RunContext ctx = facts.runContext(usableAt(facts, injectReqUs), injectReqUs, injectUs,
                healReqUs != null ? healReqUs : facts.endUs());
        Bounds detectionBounds = span.detectable()
                ? Bounds.detection(facts, injectReqUs, noticed(inject), ctx).passiveOnlyWhenDown(inject.truth()) : null;

        // detection
        Double detectionMs = null;
        double[] detectionBracket = null;
        Mechanism fired = null;
        String firedDetail = null;
        String detectionUnknown = null;
        BracketJudge.Judgement dj = BracketJudge.Judgement.NONE;
        if (view != null && span.detectable()) {
            Long stamp = !view.at(injectReqUs) ? null : view.firstChangeTo(false, injectReqUs, limitUs);
            boolean already = !view.at(injectReqUs);
            long seenUs = already ? injectReqUs : stamp != null ? stamp : limitUs;
            String lost = facts.gaps().overlapping(injectReqUs, seenUs, facts.startUs());
            if (!inject.verified()) {
                detectionUnknown = "fault not verified" + detail(inject.verification());
            } else if (lost != null) {
                detectionUnknown = lost;
            } else if (already) {
                detectionMs = 0.0;
                detectionBracket = new double[] {0, 0};
                ViewEvent holding = lastUnusable(facts, inject.target(), injectReqUs);
                fired = mechanism(holding);
                firedDetail = holding == null ? null : holding.detail();
            } else if (stamp != null) {
                detectionMs = Math.max(0, stamp - injectUs) / 1000.0;
                detectionBracket = new double[] {Math.max(0, stamp - r - injectUs) / 1000.0, (stamp - injectReqUs) / 1000.0};
                ViewEvent e = eventAt(facts, inject.target(), stamp, false);
                fired = mechanism(e);
                firedDetail = e == null ? null : e.detail();
            }
            if (detectionUnknown == null) {
                dj = BracketJudge.detection(detectionBracket, r / 1000.0, fired, firedDetail, detectionBounds,
                        detectionWatchMs);
            }
        }

        // recovery
        Double recoveryMs = null;
        double[] recoveryBracket = null;
        Boolean usableAtHeal = null;
        Mechanism holding = null;
        String recoveryUnknown = null;
        Bounds recoveryBounds = null;
        BracketJudge.Judgement rj = BracketJudge.Judgement.NONE;
        if (view != null && healUs != null) {
            usableAtHeal = view.at(healReqUs);
            Long stamp = usableAtHeal ? null : view.firstChangeTo(true, healReqUs, Long.MAX_VALUE);
            String lost = facts.gaps().overlapping(healReqUs, usableAtHeal ? healReqUs : stamp != null ? stamp : facts.endUs(),
                    facts.startUs());
            if (!heal.verified()) {
                recoveryUnknown = "heal not verified" + detail(heal.verification());
            } else if (lost != null) {
                recoveryUnknown = lost;
            } else if (usableAtHeal) {
                recoveryMs = 0.0; // nothing left to recover: no bound applies
            } else {
                holding = mechanism(lastUnusable(facts, inject.target(), healReqUs));
                recoveryBounds = span.detectable() ? Bounds.recovery(facts, healReqUs, ctx) : null;
                if (stamp != null) {
                    recoveryMs = Math.max(0, stamp - healUs) / 1000.0;
                    recoveryBracket = new double[] {Math.max(0, stamp - r - healUs) / 1000.0, (stamp - healReqUs) / 1000.0};
                }
                rj = BracketJudge.recovery(recoveryBracket, holding, recoveryBounds, recoveryWatchMs);
            }
        }

        long startUs = facts.startUs();
        List<MechanismBound> shown = detectionBounds == null ? List.of() : detectionBounds.shown();
        FaultResult result = new FaultResult(inject.faultId(), inject.action(), inject.target(),
                Math.floorDiv(injectUs - startUs, 1000), healUs == null ? null : Math.floorDiv(healUs - startUs, 1000),
                inject.verified(), inject.verification(), inject.detection(), detectionMs, recoveryMs,
                dj.boundMs(), dj.inside(), rj.boundMs(), rj.inside(),
                Math.floorDiv(injectReqUs - startUs, 1000), list(detectionBracket),
                fired == null ? null : fired.id(), firedDetail, shown,
                detectionUnknown != null ? detectionUnknown : dj.note(), list(recoveryBracket),
                holding == null ? null : holding.id(), recoveryUnknown != null ? recoveryUnknown : rj.note());
        String boundReason = !span.detectable() || dj.boundMs() != null ? null
                : detectionBounds == null ? facts.modelReason() : detectionBounds.why(dj.note());
        String recoveryBoundReason = rj.boundMs() != null ? null
                : recoveryBounds == null ? facts.modelReason() : recoveryBounds.why(rj.note());
        return new FaultOutcome(result, span, detectionWatchMs, recoveryWatchMs, usableAtHeal, viewReason,
                boundReason, recoveryBoundReason, detectionUnknown, recoveryUnknown);
    }

    /** The bounds a model gave at one instant, or why there are none. */
    record Bounds(List<Bound> bounds, String reason) {

        static Bounds detection(RunFacts facts, long atUs, DetectionModel.Noticed noticed, DetectionModel.RunContext ctx) {
            if (facts.model() == null) {
                return new Bounds(List.of(), facts.modelReason());
            }
            try {
                return new Bounds(facts.model().detection(facts.configAt(atUs), facts.manifest().cluster(), noticed, ctx),
                        null);
            } catch (RuntimeException e) { // a model that throws gives unknown bounds, never a crash
                return new Bounds(List.of(), "detection model failed: " + e);
            }
        }

        static Bounds recovery(RunFacts facts, long atUs, DetectionModel.RunContext ctx) {
            if (facts.model() == null) {
                return new Bounds(List.of(), facts.modelReason());
            }
            try {
                return new Bounds(facts.model().recovery(facts.configAt(atUs), facts.manifest().cluster(), ctx), null);
            } catch (RuntimeException e) {
                return new Bounds(List.of(), "detection model failed: " + e);
            }
        }

        /**
         * A passive mechanism counts failing tries, so its bound holds only when every try to the endpoint fails:
         * truth {@code down}. A {@code degraded} endpoint (a health check that lies while the data path answers, a
         * slow one) gives it nothing certain to count.
         */
        Bounds passiveOnlyWhenDown(String truth) {
            if (TimelineEvent.DOWN.equals(truth)) {
                return this;
            }
            return new Bounds(bounds.stream().map(b -> b.mechanism() == Mechanism.OUTLIER_EJECTION && b.known()
                    ? new Bound(b.mechanism(), null, null, null, "truth " + truth + ": the data path still answers, so"
                    + " passive detection has nothing certain to count") : b).toList(), reason);
        }

        /** Why no bound applies: the model's reason, else every mechanism's, else {@code otherwise}. */
        String why(String otherwise) {
            if (reason != null) {
                return reason;
            }
            if (bounds.stream().noneMatch(Bound::known)) {
                return BracketJudge.unknownReasons(bounds);
            }
            return otherwise;
        }

        List<MechanismBound> shown() {
            return bounds.stream().map(b -> new MechanismBound(b.mechanism().id(), b.lowMs(), b.highMs(),
                    b.derivation(), b.reason())).toList();
        }
    }

    private static long requested(TimelineEvent e) {
        return e.requestedUs() > 0 && e.requestedUs() <= e.tUs() ? e.requestedUs() : e.tUs();
    }

    private static DetectionModel.Noticed noticed(TimelineEvent inject) {
        return "timeout".equals(inject.detection()) ? DetectionModel.Noticed.TIMEOUT
                : "fast_fail".equals(inject.detection()) ? DetectionModel.Noticed.FAST_FAIL : DetectionModel.Noticed.NONE;
    }

    /** Endpoints usable in the view at {@code tUs}; without a view, every endpoint of the cluster. */
    private static int usableAt(RunFacts facts, long tUs) {
        if (facts.view() == null) {
            return facts.endpoints().size();
        }
        return (int) facts.view().values().stream().filter(v -> Boolean.TRUE.equals(v.at(tUs))).count();
    }

    /** The view line of {@code endpoint} stamped {@code tUs} that says {@code usable}; null when none. */
    private static ViewEvent eventAt(RunFacts facts, String endpoint, long tUs, boolean usable) {
        for (ViewEvent e : facts.viewEvents()) {
            if (endpoint.equals(e.endpoint()) && e.tUs() == tUs && e.usable() == usable) {
                return e;
            }
        }
        return null;
    }

    /** The latest unusable view line of {@code endpoint} at or before {@code tUs}. */
    private static ViewEvent lastUnusable(RunFacts facts, String endpoint, long tUs) {
        ViewEvent last = null;
        for (ViewEvent e : facts.viewEvents()) {
            if (endpoint.equals(e.endpoint()) && e.tUs() <= tUs && !e.usable()
                    && (last == null || e.tUs() >= last.tUs())) {
                last = e;
            }
        }
        return last;
    }

    /** The mechanism a view line names; {@code UNKNOWN} when it names none or one we do not know. */
    static Mechanism mechanism(ViewEvent e) {
        if (e == null || e.mechanism() == null) {
            return Mechanism.UNKNOWN;
        }
        try {
            return Mechanism.valueOf(e.mechanism().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknownWord) {
            return Mechanism.UNKNOWN;
        }
    }

    private static List<Double> list(double[] bracket) {
        return bracket == null ? null : List.of(bracket[0], bracket[1]);
    }

    private static String detail(String verification) {
        return verification == null || verification.isBlank() ? "" : " (" + verification + ")";
    }
}
