package dev.gauntlet.report.run;

import java.util.List;

/**
 * {@code result.json}: the scored run. Later versions add fields; existing ones never change meaning.
 *
 * @param verdict pass | fail | unknown (the worst check verdict; unknown when nothing could be decided)
 * @param score   resilience score 0–100, null when it cannot be computed
 * @param scoreFormula the formula behind {@code score}, in words, printed in the report
 */
public record Result(
        String scenario,
        String runId,
        String verdict,
        Double score,
        String scoreFormula,
        List<CheckResult> checks,
        Metrics metrics,
        List<FaultResult> faults) {

    public static final String PASS = "pass";
    public static final String FAIL = "fail";
    public static final String UNKNOWN = "unknown";

    public Result {
        checks = List.copyOf(checks);
        faults = List.copyOf(faults);
    }
}
