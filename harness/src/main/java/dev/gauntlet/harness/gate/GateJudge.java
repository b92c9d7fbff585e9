package dev.gauntlet.harness.gate;

import dev.gauntlet.harness.score.Expectation;
import dev.gauntlet.report.run.CheckResult;
import dev.gauntlet.report.run.Result;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one {@code expect} line's outcome in every trial of a scenario into the gate's verdict on it.
 *
 * <pre>{@code
 * CheckResult gated = GateJudge.judge("availability", ">= 99%", trialChecks, List.of(0.995, 0.999, 0.997), false);
 * gated.measured();   // "mean 99.700% (95% CI 99.203% – 100.197%, n=3)"
 * }</pre>
 *
 * <ul>
 *   <li>One trial: its check as scored.</li>
 *   <li>Several trials, each with a numeric value, and a numeric threshold: decided on the 95% confidence
 *       interval of the mean ({@link GateStatistics#passes}); the interval is the measured text.</li>
 *   <li>Otherwise (a fault-by-fault check, {@code "<= bound"}, or a value unknown in some trial): fail if any
 *       trial failed, else unknown if any was unknown, else pass; each trial's outcome is listed.</li>
 *   <li>An unknown verdict fails the gate unless the suite allows it ({@code allowUnknown: true}); then it passes
 *       with the reason saying so.</li>
 * </ul>
 * Never throws: a line that does not parse is unknown.
 */
public final class GateJudge {

    private GateJudge() {
    }

    /**
     * @param trials the check in each trial, in trial order (null where a trial has no such check)
     * @param values the numeric value behind it in each trial (null where unknown), same order
     */
    public static CheckResult judge(String name, String expression, List<CheckResult> trials, List<Double> values,
                                    boolean allowUnknown) {
        CheckResult judged = decide(name, expression, trials, values);
        if (allowUnknown && Result.UNKNOWN.equals(judged.verdict())) {
            return new CheckResult(name, Result.PASS, judged.measured(), expression,
                    "unknown, allowed by the suite (allowUnknown: true): " + judged.reason());
        }
        return judged;
    }

    private static CheckResult decide(String name, String expression, List<CheckResult> trials, List<Double> values) {
        if (trials.size() == 1) {
            CheckResult only = trials.get(0);
            return only != null ? only : new CheckResult(name, Result.UNKNOWN, null, expression, "the run has no such check");
        }
        Expectation e;
        try {
            e = Expectation.parse(name, expression);
        } catch (IllegalArgumentException bad) {
            e = null;
        }
        boolean numeric = e != null && !e.bound() && !e.metric().perFault()
                && values.size() == trials.size() && values.stream().allMatch(v -> v != null && !v.isNaN());
        if (numeric) {
            GateStatistics.Interval ci = GateStatistics.interval(values);
            boolean ok = GateStatistics.passes(e, ci);
            String measured = GateStatistics.describe(e.metric().kind(), ci);
            return new CheckResult(name, ok ? Result.PASS : Result.FAIL, measured, expression, ok ? null
                    : "95% CI " + GateStatistics.decidingEnd(e, ci) + " is not " + e.comparator().symbol() + " "
                    + expression.replaceFirst("^\\s*(<=|>=|==|<|>)\\s*", "") + "; trial values "
                    + GateStatistics.values(e.metric().kind(), values));
        }
        return byVerdicts(name, expression, trials);
    }

    private static CheckResult byVerdicts(String name, String expression, List<CheckResult> trials) {
        List<String> measured = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < trials.size(); i++) {
            CheckResult c = trials.get(i);
            String trial = "trial " + (i + 1);
            if (c == null) {
                unknown.add(trial + ": the run has no such check");
                continue;
            }
            measured.add(trial + ": " + (c.measured() == null ? "unknown" : c.measured()));
            if (Result.FAIL.equals(c.verdict())) {
                failed.add(trial + ": " + c.reason());
            } else if (!Result.PASS.equals(c.verdict())) {
                unknown.add(trial + ": " + c.reason());
            }
        }
        String shown = String.join("; ", measured);
        if (!failed.isEmpty()) {
            return new CheckResult(name, Result.FAIL, shown, expression, String.join("; ", failed));
        }
        if (!unknown.isEmpty()) {
            return new CheckResult(name, Result.UNKNOWN, shown, expression, String.join("; ", unknown));
        }
        return new CheckResult(name, Result.PASS, shown, expression, null);
    }
}
