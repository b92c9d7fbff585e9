package dev.gauntlet.harness.score;

import dev.gauntlet.report.run.CheckResult;
import dev.gauntlet.report.run.FaultResult;
import dev.gauntlet.report.run.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code detection_time} and {@code recovery_time}: judged fault by fault, over the faults in scope that
 * the gateway can notice ({@code detection} fast_fail or timeout), then combined: any fail → fail,
 * else any unknown → unknown, else pass. Per fault:
 * <ul>
 *   <li>no view, or the view lost while it mattered → unknown; an unverified inject (or heal, for recovery) →
 *       unknown: the fault may not have happened;</li>
 *   <li>measured → the whole bracket compared ({@code "<= bound"}: inside the bound of the mechanism that fired,
 *       judged in {@link BracketJudge}); a bracket that straddles the limit → unknown;</li>
 *   <li>never seen although watched longer than the threshold (the upper bound) → fail: it is known to exceed it;</li>
 *   <li>never detected, healed before detection was due → not applicable (no gateway is expected to notice);</li>
 *   <li>never seen, cut short by the run's end → unknown;</li>
 *   <li>recovery of an endpoint still usable at the heal → not applicable (nothing to recover).</li>
 * </ul>
 * No applicable fault at all → unknown.
 */
final class FaultChecks {

    private FaultChecks() {
    }

    private record Judgement(String verdict, String text) {
        static final String NOT_APPLICABLE = "n/a";
    }

    static CheckResult check(Expectation e, ScoredRun run, List<FaultOutcome> inScope) {
        RunFacts facts = run.facts();
        String unknown = facts.timelineReason() != null ? facts.timelineReason() : facts.viewReason();
        if (unknown != null) {
            return new CheckResult(e.name(), Result.UNKNOWN, null, e.expression(), unknown);
        }
        boolean detection = e.metric() == Expectation.Metric.DETECTION_TIME;
        List<Judgement> judgements = new ArrayList<>();
        for (FaultOutcome f : inScope) {
            if (f.span().detectable()) {
                judgements.add(detection ? detection(e, f) : recovery(e, f));
            }
        }
        if (judgements.isEmpty()) {
            return new CheckResult(e.name(), Result.UNKNOWN, null, e.expression(), "no fault in "
                    + ExpectationChecker.describe(e.scope()) + " that health checks can detect (fast_fail or timeout)");
        }
        String measured = judgements.stream().map(Judgement::text).collect(Collectors.joining("; "));
        for (String verdict : List.of(Result.FAIL, Result.UNKNOWN)) {
            String reasons = judgements.stream().filter(j -> j.verdict().equals(verdict)).map(Judgement::text)
                    .collect(Collectors.joining("; "));
            if (!reasons.isEmpty()) {
                return new CheckResult(e.name(), verdict, measured, e.expression(), reasons);
            }
        }
        return new CheckResult(e.name(), Result.PASS, measured, e.expression(), null);
    }

    private static Judgement detection(Expectation e, FaultOutcome f) {
        FaultResult r = f.result();
        String id = r.faultId() + " (" + r.action() + " " + r.target() + ")";
        if (f.viewReason() != null) {
            return new Judgement(Result.UNKNOWN, id + ": " + f.viewReason());
        }
        if (f.detectionUnknown() != null) {
            return new Judgement(Result.UNKNOWN, id + ": " + f.detectionUnknown());
        }
        List<Double> bracket = r.detectionBracketMs();
        if (e.bound()) {
            if (r.boundMs() == null) {
                return new Judgement(Result.UNKNOWN, id + ": no predicted bound: " + f.boundReason());
            }
            return byBound(r.insideBound(), bracket != null, f.span().healed(), id, r.detectionNote(), f.detectionWatchMs());
        }
        String limitText = e.expression().trim();
        if (bracket != null) {
            return byThreshold(e, bracket, id + ": detected in " + BracketJudge.span(array(bracket)) + ", " + limitText);
        }
        String watched = Durations.format(f.detectionWatchMs());
        if (f.detectionWatchMs() >= e.threshold()) {
            return new Judgement(exceededIsGood(e) ? Result.PASS : Result.FAIL,
                    id + ": not detected within " + watched + ", " + limitText);
        }
        if (f.span().healed()) {
            return new Judgement(Judgement.NOT_APPLICABLE,
                    id + ": healed after " + watched + ", before detection was due (" + limitText + ")");
        }
        return new Judgement(Result.UNKNOWN, id + ": run ended " + watched + " after the inject, before detection was due ("
                + limitText + ")");
    }

    private static Judgement recovery(Expectation e, FaultOutcome f) {
        FaultResult r = f.result();
        String id = r.faultId() + " (" + r.action() + " " + r.target() + ")";
        if (f.viewReason() != null) {
            return new Judgement(Result.UNKNOWN, id + ": " + f.viewReason());
        }
        if (!f.span().healed()) {
            return new Judgement(Result.UNKNOWN, id + ": not healed before the run ended");
        }
        if (f.recoveryUnknown() != null) {
            return new Judgement(Result.UNKNOWN, id + ": " + f.recoveryUnknown());
        }
        if (Boolean.TRUE.equals(f.usableAtHeal())) {
            return new Judgement(Judgement.NOT_APPLICABLE, id + ": usable at the heal, nothing to recover");
        }
        List<Double> bracket = r.recoveryBracketMs();
        if (e.bound()) {
            if (r.recoveryBoundMs() == null) {
                return new Judgement(Result.UNKNOWN, id + ": no predicted bound: " + f.recoveryBoundReason());
            }
            Judgement j = byBound(r.recoveryInsideBound(), bracket != null, false, id, r.recoveryNote(), 0);
            return j.verdict().equals(Judgement.NOT_APPLICABLE) ? new Judgement(Result.UNKNOWN, j.text()) : j;
        }
        String limitText = e.expression().trim();
        if (bracket != null) {
            return byThreshold(e, bracket, id + ": recovered in " + BracketJudge.span(array(bracket)) + ", " + limitText);
        }
        String watched = Durations.format(f.recoveryWatchMs());
        if (f.recoveryWatchMs() >= e.threshold()) {
            return new Judgement(exceededIsGood(e) ? Result.PASS : Result.FAIL,
                    id + ": not recovered within " + watched + " after the heal, " + limitText);
        }
        return new Judgement(Result.UNKNOWN, id + ": run ended " + watched + " after the heal, before recovery was due ("
                + limitText + ")");
    }

    /** A bound check: the judgement made on the whole bracket (FaultOutcome); undecided stays unknown. */
    private static Judgement byBound(Boolean inside, boolean seen, boolean healed, String id, String note, double watchMs) {
        String text = id + ": " + note;
        if (inside != null) {
            return new Judgement(inside ? Result.PASS : Result.FAIL, text);
        }
        if (!seen && healed) {
            return new Judgement(Judgement.NOT_APPLICABLE, id + ": healed, " + note);
        }
        return new Judgement(Result.UNKNOWN, text);
    }

    /** Pass when the comparison holds at both ends of the bracket, fail when at neither, else unknown. */
    private static Judgement byThreshold(Expectation e, List<Double> bracket, String text) {
        boolean low = e.comparator().test(bracket.get(0), e.threshold());
        boolean high = e.comparator().test(bracket.get(1), e.threshold());
        if (low && high) {
            return new Judgement(Result.PASS, text);
        }
        if (!low && !high) {
            return new Judgement(Result.FAIL, text);
        }
        return new Judgement(Result.UNKNOWN, text + ": the bracket straddles the threshold");
    }

    private static boolean exceededIsGood(Expectation e) {
        return e.comparator() == Expectation.Comparator.GE || e.comparator() == Expectation.Comparator.GT;
    }

    private static double[] array(List<Double> bracket) {
        return new double[] {bracket.get(0), bracket.get(1)};
    }
}
