package dev.gauntlet.harness.score;

import dev.gauntlet.report.run.CheckResult;
import dev.gauntlet.report.run.FaultResult;
import dev.gauntlet.report.run.Metrics;
import dev.gauntlet.report.run.PhaseMetrics;
import dev.gauntlet.report.run.RequestRecord;
import dev.gauntlet.report.run.Result;
import dev.gauntlet.report.run.RunDirectory;
import dev.gauntlet.report.run.RunManifest;
import dev.gauntlet.report.run.TimelineEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scoring stage: a run directory in, a {@link Result} out, computed from the saved files alone
 * (run.json, timeline.jsonl, view.jsonl, requests.jsonl, gateway-config.json), so a run can be re-scored.
 *
 * <pre>{@code
 * Result result = Scorer.score(new RunDirectory(Path.of("runs/20261126-101500-one-of-three-crashes")));
 * result.verdict();           // pass | fail | unknown
 * result.metrics().phases();  // baseline | fault | recovery → PhaseMetrics
 * }</pre>
 *
 * Never throws for bad data: what cannot be computed is null (unknown), a check that cannot decide is
 * {@code unknown} with its reason. The semantics are written down in harness/SCORING.md.
 *
 * <pre>
 * run.json ─┐
 * timeline ─┼─► RunFacts ─► NhuTimeline, ClientStats, FaultOutcome ─► Metrics, FaultResults
 * view     ─┤                                   │
 * requests ─┤                                   └─► ExpectationChecker per expect line ─► verdict
 * config   ─┘                                   └─► ResilienceScore
 * </pre>
 */
public final class Scorer {

    private Scorer() {
    }

    public static Result score(RunDirectory dir) {
        RunManifest manifest;
        try {
            manifest = dir.manifest();
        } catch (RuntimeException e) {
            String runId = dir.root().getFileName() == null ? dir.root().toString() : dir.root().getFileName().toString();
            CheckResult check = new CheckResult(RunDirectory.MANIFEST, Result.UNKNOWN, null, null,
                    "run.json unreadable: " + e.getMessage());
            return new Result(null, runId, Result.UNKNOWN, null, null, List.of(check), emptyMetrics(), List.of());
        }
        try {
            return score(dir, manifest);
        } catch (RuntimeException e) { // a bug here must not crash the run: report it as unknown
            CheckResult check = new CheckResult("scoring", Result.UNKNOWN, null, null, "scoring failed: " + e);
            return new Result(manifest.scenario(), manifest.runId(), Result.UNKNOWN, null, null, List.of(check),
                    emptyMetrics(), List.of());
        }
    }

    /**
     * The number behind each {@code expect} line of the run, in its threshold's unit (ms for durations, a
     * fraction for availability, a count, per second, a ratio), for statistics over repeated runs (the gate's
     * {@code --trials}). Lines judged fault by fault, and values that are unknown, are left out. Never throws.
     *
     * <pre>{@code
     * Map<String, Double> values = Scorer.checkValues(new RunDirectory(Path.of("runs/20261126-101500-x")));
     * values.get("availability");   // 0.9961
     * }</pre>
     */
    public static Map<String, Double> checkValues(RunDirectory dir) {
        Map<String, Double> out = new LinkedHashMap<>();
        try {
            RunManifest m = dir.manifest();
            ScoredRun run = measure(RunFacts.load(dir, m));
            m.expect().forEach((name, expression) -> {
                Double v = ExpectationChecker.value(name, expression, run);
                if (v != null) {
                    out.put(name, v);
                }
            });
        } catch (RuntimeException unreadable) {
            // nothing known: every value is left out
        }
        return out;
    }

    /** pass when every check passes (or there are none); fail if any fails; else unknown. */
    static String verdict(List<CheckResult> checks) {
        if (checks.stream().anyMatch(c -> Result.FAIL.equals(c.verdict()))) {
            return Result.FAIL;
        }
        return checks.stream().anyMatch(c -> !Result.PASS.equals(c.verdict())) ? Result.UNKNOWN : Result.PASS;
    }

    private static Result score(RunDirectory dir, RunManifest m) {
        RunFacts facts = RunFacts.load(dir, m);
        ScoredRun run = measure(facts);
        Metrics metrics = metrics(run);
        List<FaultResult> faults = run.faults().stream().map(FaultOutcome::result).toList();

        List<CheckResult> checks = new ArrayList<>();
        m.expect().forEach((name, expression) -> checks.add(ExpectationChecker.check(name, expression, run)));

        PhaseMetrics faultPhase = metrics.phases().get(Phase.FAULT);
        PhaseMetrics baseline = metrics.phases().get(Phase.BASELINE);
        ResilienceScore score = ResilienceScore.of(
                metrics.avoidableNhuMs(),
                faultPhase != null ? faultPhase.availability() : facts.faults().isEmpty() ? metrics.availability() : null,
                ResilienceScore.share(faults, FaultResult::insideBound),
                ResilienceScore.share(faults, FaultResult::recoveryInsideBound),
                baseline == null ? null : baseline.p99Ms(),
                faultPhase == null ? null : faultPhase.p99Ms(),
                metrics.falseEjectionSeconds());
        return new Result(m.scenario(), m.runId(), verdict(checks), score.value(), score.formula(), checks, metrics, faults);
    }

    static ScoredRun measure(RunFacts facts) {
        NhuTimeline nhu = null;
        String nhuReason = facts.timelineReason() != null ? facts.timelineReason() : facts.viewReason();
        if (nhuReason == null) {
            nhu = NhuTimeline.of(facts.view(), facts.truth(), facts.endpoints(), facts.startUs(), facts.endUs());
        }
        ClientStats overall = null;
        Map<String, ClientStats> phaseStats = new LinkedHashMap<>();
        if (facts.requests() != null) {
            overall = ClientStats.of(facts.requests());
            Map<String, List<RequestRecord>> byPhase = new LinkedHashMap<>();
            facts.phases().forEach(p -> byPhase.put(p.name(), new ArrayList<>()));
            for (RequestRecord r : facts.requests()) {
                Phase p = facts.phaseOf(r.startUs());
                if (p != null) {
                    byPhase.get(p.name()).add(r);
                }
            }
            byPhase.forEach((name, requests) -> phaseStats.put(name, ClientStats.of(requests)));
        }
        List<FaultOutcome> faults = facts.faults().stream().map(f -> FaultOutcome.of(f, facts)).toList();
        List<FalseEjections.Stretch> falseEjections = nhuReason != null ? null
                : FalseEjections.stretches(facts.viewEvents(),
                        // truth moves only on verified actions; an unverified one makes its stretch unknown (ScoredRun)
                        facts.timelineEvents().stream().filter(TimelineEvent::verified).toList(),
                        facts.manifest().cluster(), facts.startUs(), facts.endUs(), FalseEjections.UP_ONLY);
        RetryAmplification retry = RetryAmplification.of(facts.gatewayMetrics(), facts.manifest().cluster());
        return new ScoredRun(facts, nhu, nhuReason, overall, phaseStats, faults, falseEjections, retry,
                FullCapacity.of(facts));
    }

    private static Metrics metrics(ScoredRun run) {
        RunFacts facts = run.facts();
        long start = facts.startUs();
        long end = facts.endUs();
        Map<String, PhaseMetrics> phases = new LinkedHashMap<>();
        for (Phase p : facts.phases()) {
            ClientStats s = run.phaseStats().get(p.name());
            phases.put(p.name(), new PhaseMetrics(Math.floorDiv(p.fromUs() - start, 1000), Math.floorDiv(p.toUs() - start, 1000),
                    s == null ? 0 : s.requests(), s == null ? null : s.availability(),
                    s == null ? null : s.p50Ms(), s == null ? null : s.p90Ms(), s == null ? null : s.p99Ms(),
                    s == null ? null : s.maxMs(),
                    run.avoidableNhuMs(p.fromUs(), p.toUs()), run.unavoidableNhuMs(p.fromUs(), p.toUs()),
                    s == null ? Map.of() : s.causes(),
                    run.falseEjectionCount(p.fromUs(), p.toUs()), seconds(run.falseEjectionMs(p.fromUs(), p.toUs())),
                    s == null ? null : s.nhuP50Ms(), s == null ? null : s.nhuP99Ms()));
        }
        ClientStats o = run.overall();
        double target = facts.manifest().targetRatePerSec();
        return new Metrics(
                run.avoidableNhuMs(start, end), run.unavoidableNhuMs(start, end),
                o == null ? null : o.availability(),
                o == null ? null : o.p50Ms(), o == null ? null : o.p90Ms(), o == null ? null : o.p99Ms(),
                o == null ? null : o.maxMs(),
                o == null ? 0 : o.requests(),
                arrivalRate(facts.requests()),
                target > 0 ? target : null,
                o == null ? Map.of() : o.causes(),
                phases,
                run.falseEjectionCount(start, end), seconds(run.falseEjectionMs(start, end)),
                run.retry().value(),
                o == null ? null : o.nhuP50Ms(), o == null ? null : o.nhuP99Ms(),
                run.fullCapacity().ms());
    }

    private static Double seconds(Double ms) {
        return ms == null ? null : ms / 1000.0;
    }

    /**
     * The achieved open-model arrival rate: requests between the first and the last start, over
     * that span. Dividing by the run window instead would count Gatling's start-up and the last
     * answers' tail as if no requests were due then, and understate the rate.
     */
    static Double arrivalRate(List<RequestRecord> requests) {
        if (requests == null || requests.size() < 2) {
            return null;
        }
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (RequestRecord r : requests) {
            first = Math.min(first, r.startUs());
            last = Math.max(last, r.startUs());
        }
        return last > first ? (requests.size() - 1) / ((last - first) / 1e6) : null;
    }

    private static Metrics emptyMetrics() {
        return new Metrics(null, null, null, null, null, null, null, 0, null, null, Map.of(), Map.of());
    }
}
