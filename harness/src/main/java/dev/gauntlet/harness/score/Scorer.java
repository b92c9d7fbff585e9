package dev.gauntlet.harness.score;

import dev.gauntlet.report.run.CheckResult;
import dev.gauntlet.report.run.FaultResult;
import dev.gauntlet.report.run.Metrics;
import dev.gauntlet.report.run.PhaseMetrics;
import dev.gauntlet.report.run.RequestRecord;
import dev.gauntlet.report.run.Result;
import dev.gauntlet.report.run.RunDirectory;
import dev.gauntlet.report.run.RunManifest;
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
                faultPhase == null ? null : faultPhase.p99Ms());
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
        return new ScoredRun(facts, nhu, nhuReason, overall, phaseStats, faults);
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
                    run.nhu() == null ? null : run.nhu().avoidableMs(p.fromUs(), p.toUs()),
                    run.nhu() == null ? null : run.nhu().unavoidableMs(p.fromUs(), p.toUs()),
                    s == null ? Map.of() : s.causes()));
        }
        ClientStats o = run.overall();
        double target = facts.manifest().targetRatePerSec();
        return new Metrics(
                run.nhu() == null ? null : run.nhu().avoidableMs(start, end),
                run.nhu() == null ? null : run.nhu().unavoidableMs(start, end),
                o == null ? null : o.availability(),
                o == null ? null : o.p50Ms(), o == null ? null : o.p90Ms(), o == null ? null : o.p99Ms(),
                o == null ? null : o.maxMs(),
                o == null ? 0 : o.requests(),
                arrivalRate(facts.requests()),
                target > 0 ? target : null,
                o == null ? Map.of() : o.causes(),
                phases);
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
