package dev.gauntlet.harness.score;

import dev.gauntlet.report.run.CheckResult;
import dev.gauntlet.report.run.RequestRecord;
import dev.gauntlet.report.run.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides one {@code expect} line against a scored run: pass, fail or unknown. A value that cannot be
 * measured gives unknown with the reason; a bad line or a checker that throws gives unknown, never a crash.
 *
 * <pre>{@code
 * CheckResult check = ExpectationChecker.check("availability", ">= 99.0%", run);
 * }</pre>
 */
final class ExpectationChecker {

    private ExpectationChecker() {
    }

    /** The {@code [fromUs, toUs)} a scope covers in this run, or why it covers nothing. */
    private record Range(long fromUs, long toUs, String reason) {
        double seconds() {
            return (toUs - fromUs) / 1e6;
        }
    }

    static CheckResult check(String name, String expression, ScoredRun run) {
        Expectation e;
        try {
            e = Expectation.parse(name, expression);
        } catch (IllegalArgumentException bad) {
            return new CheckResult(name, Result.UNKNOWN, null, expression, "invalid expectation: " + bad.getMessage());
        }
        try {
            return e.metric().perFault() ? FaultChecks.check(e, run, faultsIn(e.scope(), run))
                    : checkValue(e, run);
        } catch (RuntimeException failure) {
            return new CheckResult(name, Result.UNKNOWN, null, expression, "checker failed: " + failure);
        }
    }

    /**
     * A measured value, or why there is none; {@code decided} when the check is decided without a value
     * (no NHU answer at all; never at full capacity although watched longer than the limit).
     */
    private record Measure(Double value, String reason, CheckResult decided) {
        static Measure of(Double value, String reasonIfNull) {
            return new Measure(value, value == null ? reasonIfNull : null, null);
        }
    }

    /** The numeric value behind a non-per-fault check, in the threshold's unit; null when unknown or per-fault. */
    static Double value(String name, String expression, ScoredRun run) {
        try {
            Expectation e = Expectation.parse(name, expression);
            if (e.metric().perFault()) {
                return null;
            }
            Range range = range(e.scope(), run.facts());
            return range.reason() != null ? null : measure(e, range, run).value();
        } catch (RuntimeException unknown) { // a value that cannot be computed is unknown, never a crash
            return null;
        }
    }

    private static CheckResult checkValue(Expectation e, ScoredRun run) {
        Range range = range(e.scope(), run.facts());
        Measure m = range.reason() != null ? new Measure(null, range.reason(), null) : measure(e, range, run);
        if (m.decided() != null) {
            return m.decided();
        }
        Double measured = m.value();
        if (measured == null) {
            return new CheckResult(e.name(), Result.UNKNOWN, null, e.expression(), m.reason());
        }
        String shown = format(e.metric().kind(), measured);
        boolean ok = e.comparator().test(measured, e.threshold());
        return new CheckResult(e.name(), ok ? Result.PASS : Result.FAIL, shown, e.expression(),
                ok ? null : shown + " is not " + e.comparator().symbol() + " " + e.thresholdText());
    }

    private static Measure measure(Expectation e, Range range, ScoredRun run) {
        return switch (e.metric()) {
            case AVOIDABLE_NHU, UNAVOIDABLE_NHU -> Measure.of(e.metric() == Expectation.Metric.AVOIDABLE_NHU
                    ? run.avoidableNhuMs(range.fromUs(), range.toUs())
                    : run.unavoidableNhuMs(range.fromUs(), range.toUs()), run.nhuUnknown(range.fromUs(), range.toUs()));
            case FALSE_EJECTIONS -> {
                Long count = run.falseEjectionCount(range.fromUs(), range.toUs());
                yield Measure.of(count == null ? null : count.doubleValue(),
                        run.falseEjectionUnknown(range.fromUs(), range.toUs()));
            }
            case FALSE_EJECTION_SECONDS -> Measure.of(run.falseEjectionMs(range.fromUs(), range.toUs()),
                    run.falseEjectionUnknown(range.fromUs(), range.toUs()));
            case RETRY_AMPLIFICATION -> e.scope().equals(Expectation.Scope.WHOLE)
                    ? Measure.of(run.retry().value(), run.retry().reason())
                    : new Measure(null, "retry amplification is known only for the whole run: the gateway's"
                    + " counters are read once, at the end", null);
            case TIME_TO_FULL_CAPACITY -> fullCapacity(e, run);
            case NHU_LATENCY_P50, NHU_LATENCY_P99 -> nhuLatency(e, range, run);
            default -> client(e, range, run);
        };
    }

    private static Measure client(Expectation e, Range range, ScoredRun run) {
        if (run.overall() == null) {
            return new Measure(null, run.facts().requestsReason(), null);
        }
        ClientStats stats = stats(e.scope(), range, run);
        Double measured = e.metric() == Expectation.Metric.ACHIEVED_RATE && e.scope().equals(Expectation.Scope.WHOLE)
                ? Scorer.arrivalRate(run.facts().requests()) // same figure as metrics.achieved_rate_per_sec
                : clientValue(e.metric(), stats, range);
        return Measure.of(measured, stats.requests() == 0 ? "no requests in " + describe(e.scope())
                : describe(e.scope()) + " lasted 0 s");
    }

    /** With no NHU answer there is nothing to be slow: the check passes, saying so. */
    private static Measure nhuLatency(Expectation e, Range range, ScoredRun run) {
        if (run.overall() == null) {
            return new Measure(null, run.facts().requestsReason(), null);
        }
        ClientStats stats = stats(e.scope(), range, run);
        Double measured = e.metric() == Expectation.Metric.NHU_LATENCY_P50 ? stats.nhuP50Ms() : stats.nhuP99Ms();
        if (measured == null) {
            return new Measure(null, null, new CheckResult(e.name(), Result.PASS, "no NHU answers", e.expression(),
                    "the gateway gave no NHU answer (flag UH) in " + describe(e.scope())));
        }
        return Measure.of(measured, null);
    }

    /** Never at full capacity, although the run went on after the last heal for longer than the limit: fail. */
    private static Measure fullCapacity(Expectation e, ScoredRun run) {
        if (!e.scope().equals(Expectation.Scope.WHOLE) && !Phase.RECOVERY.equals(e.scope().phase())) {
            return new Measure(null, "time to full capacity is measured from the last heal: write it for the whole"
                    + " run or phase.recovery", null);
        }
        FullCapacity c = run.fullCapacity();
        if (c.ms() != null) {
            return Measure.of(c.ms(), null);
        }
        boolean upperLimit = e.comparator() == Expectation.Comparator.LE || e.comparator() == Expectation.Comparator.LT;
        boolean neverAgain = c.reason() != null && c.reason().endsWith("not usable again by the end of the run");
        if (upperLimit && neverAgain && c.watchedMs() != null && c.watchedMs() > e.threshold()) {
            String watched = Durations.format(c.watchedMs());
            return new Measure(null, null, new CheckResult(e.name(), Result.FAIL, "not reached in " + watched,
                    e.expression(), c.reason() + ", watched " + watched + " after the last heal"));
        }
        return new Measure(null, c.reason(), null);
    }

    private static Double clientValue(Expectation.Metric metric, ClientStats s, Range range) {
        return switch (metric) {
            case AVAILABILITY -> s.availability();
            case P50_LATENCY -> s.p50Ms();
            case P90_LATENCY -> s.p90Ms();
            case P99_LATENCY -> s.p99Ms();
            case MAX_LATENCY -> s.maxMs();
            case REQUESTS -> (double) s.requests();
            case ACHIEVED_RATE -> range.toUs() > range.fromUs() ? s.requests() / range.seconds() : null;
            default -> throw new IllegalStateException("not a client metric: " + metric);
        };
    }

    /** Whole run and phases use the precomputed statistics; a window counts the requests started inside it. */
    private static ClientStats stats(Expectation.Scope scope, Range range, ScoredRun run) {
        if (scope.phase() != null) {
            return run.phaseStats().getOrDefault(scope.phase(), ClientStats.of(List.of()));
        }
        if (!scope.isWindow()) {
            return run.overall();
        }
        List<RequestRecord> inside = new ArrayList<>();
        for (RequestRecord r : run.facts().requests()) {
            if (r.startUs() >= range.fromUs() && r.startUs() < range.toUs()) {
                inside.add(r);
            }
        }
        return ClientStats.of(inside);
    }

    private static Range range(Expectation.Scope scope, RunFacts facts) {
        long start = facts.startUs();
        long end = facts.endUs();
        if (scope.phase() != null) {
            Phase p = facts.phase(scope.phase());
            if (p == null) {
                String why = facts.timelineReason() != null ? facts.timelineReason()
                        : "the run has no " + scope.phase() + " phase";
                return new Range(0, 0, why);
            }
            return new Range(p.fromUs(), p.toUs(), null);
        }
        if (scope.isWindow()) {
            long from = start + scope.fromUs();
            if (from >= end) {
                return new Range(0, 0, describe(scope) + " starts after the run ended (at "
                        + Durations.format((end - start) / 1000.0) + ")");
            }
            return new Range(from, Math.min(end, start + scope.toUs()), null);
        }
        return new Range(start, end, null);
    }

    /** Faults injected inside the scope. */
    private static List<FaultOutcome> faultsIn(Expectation.Scope scope, ScoredRun run) {
        if (scope.phase() == null && !scope.isWindow()) {
            return run.faults();
        }
        Range range = range(scope, run.facts());
        return run.faults().stream()
                .filter(f -> range.reason() == null)
                .filter(f -> f.span().inject().tUs() >= range.fromUs() && f.span().inject().tUs() < range.toUs())
                .toList();
    }

    static String describe(Expectation.Scope scope) {
        if (scope.phase() != null) {
            return "the " + scope.phase() + " phase";
        }
        if (scope.isWindow()) {
            return "window [" + Durations.format(scope.fromUs() / 1000.0) + ", "
                    + Durations.format(scope.toUs() / 1000.0) + ")";
        }
        return "the run";
    }

    static String format(Expectation.Kind kind, double value) {
        return switch (kind) {
            case DURATION -> Durations.format(value);
            case PERCENT -> String.format(Locale.ROOT, "%.2f%%", value * 100);
            case COUNT -> String.valueOf((long) value);
            case RATE -> String.format(Locale.ROOT, "%.1f/s", value);
            case RATIO -> String.format(Locale.ROOT, "%.3f", value);
        };
    }
}
