package dev.gauntlet.harness.score;

import dev.gauntlet.report.run.CheckResult;
import dev.gauntlet.report.run.FaultResult;
import dev.gauntlet.report.run.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code detection_time} and {@code recovery_time}: judged fault by fault, over the faults in scope that
 * active health checks can notice ({@code detection} fast_fail or timeout), then combined: any fail → fail,
 * else any unknown → unknown, else pass. Per fault:
 * <ul>
 *   <li>no view → unknown; an unverified inject (or heal, for recovery) → unknown: the fault may not have happened;</li>
 *   <li>measured → compared ({@code "<= bound"}: inside [low, high]);</li>
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
        if (!r.verified()) {
            return new Judgement(Result.UNKNOWN, id + ": fault not verified" + detail(r.verification()));
        }
        if (e.bound() && r.boundMs() == null) {
            return new Judgement(Result.UNKNOWN, id + ": no predicted bound: " + f.boundReason());
        }
        double limit = e.bound() ? r.boundMs().get(1) : e.threshold();
        String limitText = e.bound() ? "bound " + range(r.boundMs()) : e.expression().trim();
        if (r.detectionMs() != null) {
            boolean ok = e.bound() ? Boolean.TRUE.equals(r.insideBound()) : e.comparator().test(r.detectionMs(), e.threshold());
            String text = id + ": detected in " + Durations.format(r.detectionMs()) + ", " + limitText;
            return new Judgement(ok ? Result.PASS : Result.FAIL, text);
        }
        String watched = Durations.format(f.detectionWindowMs());
        if (f.detectionWindowMs() >= limit && !(e.bound() && f.detectionWindowMs() == limit)) {
            boolean exceededIsGood = !e.bound() && (e.comparator() == Expectation.Comparator.GE
                    || e.comparator() == Expectation.Comparator.GT);
            return new Judgement(exceededIsGood ? Result.PASS : Result.FAIL,
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
        if (!f.span().heal().verified()) {
            return new Judgement(Result.UNKNOWN, id + ": heal not verified" + detail(f.span().heal().verification()));
        }
        if (Boolean.TRUE.equals(f.usableAtHeal())) {
            return new Judgement(Judgement.NOT_APPLICABLE, id + ": usable at the heal, nothing to recover");
        }
        if (e.bound() && r.recoveryBoundMs() == null) {
            return new Judgement(Result.UNKNOWN, id + ": no predicted bound: " + f.boundReason());
        }
        double limit = e.bound() ? r.recoveryBoundMs().get(1) : e.threshold();
        String limitText = e.bound() ? "bound " + range(r.recoveryBoundMs()) : e.expression().trim();
        if (r.recoveryMs() != null) {
            boolean ok = e.bound() ? Boolean.TRUE.equals(r.recoveryInsideBound())
                    : e.comparator().test(r.recoveryMs(), e.threshold());
            return new Judgement(ok ? Result.PASS : Result.FAIL,
                    id + ": recovered in " + Durations.format(r.recoveryMs()) + ", " + limitText);
        }
        String watched = Durations.format(f.recoveryWindowMs());
        if (f.recoveryWindowMs() >= limit && !(e.bound() && f.recoveryWindowMs() == limit)) {
            boolean exceededIsGood = !e.bound() && (e.comparator() == Expectation.Comparator.GE
                    || e.comparator() == Expectation.Comparator.GT);
            return new Judgement(exceededIsGood ? Result.PASS : Result.FAIL,
                    id + ": not recovered within " + watched + " after the heal, " + limitText);
        }
        return new Judgement(Result.UNKNOWN, id + ": run ended " + watched + " after the heal, before recovery was due ("
                + limitText + ")");
    }

    private static String range(List<Double> bound) {
        return "[" + Durations.format(bound.get(0)) + ", " + Durations.format(bound.get(1)) + "]";
    }

    private static String detail(String verification) {
        return verification == null || verification.isBlank() ? "" : " (" + verification + ")";
    }
}
