package dev.gauntlet.harness.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.gauntlet.report.run.CheckResult;
import dev.gauntlet.report.run.Metrics;
import dev.gauntlet.report.run.PhaseMetrics;
import dev.gauntlet.report.run.Result;
import dev.gauntlet.report.run.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole runs: phases, client and NHU metrics, verdicts, robustness. Times in ms since the run's start. */
class ScorerTest {

    @TempDir
    Path dir;

    private static CheckResult check(Result result, String name) {
        return result.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    /** f0 crashes api-0 over [10 s, 30 s); detected at 12.4 s, usable again at 31.2 s; run 40 s. */
    private RunFixture oneCrash() {
        return new RunFixture(dir).standardConfig().snapshotAllUsable()
                .inject("f0", "crash", "api-0", "down", "fast_fail", 10_000).viewChange(12_400, "api-0", false)
                .heal("f0", "api-0", 30_000).viewChange(31_200, "api-0", true);
    }

    @Test
    void phasesRunFromFirstInjectToLastHealAndRequestsBelongToThePhaseTheyStartedIn() {
        Result result = oneCrash()
                .ok(9_999, 50)    // starts in the baseline, ends in the fault phase
                .ok(10_000, 5)    // the inject instant belongs to the fault phase
                .ok(29_999.9, 5)
                .ok(30_000, 5)
                .score();

        PhaseMetrics baseline = result.metrics().phases().get("baseline");
        PhaseMetrics fault = result.metrics().phases().get("fault");
        PhaseMetrics recovery = result.metrics().phases().get("recovery");
        assertThat(result.metrics().phases()).as("phase order").containsOnlyKeys("baseline", "fault", "recovery");
        assertThat(List.of(baseline.startMs(), baseline.endMs())).as("baseline").containsExactly(0L, 10_000L);
        assertThat(List.of(fault.startMs(), fault.endMs())).as("fault").containsExactly(10_000L, 30_000L);
        assertThat(List.of(recovery.startMs(), recovery.endMs())).as("recovery").containsExactly(30_000L, 40_000L);
        assertThat(List.of(baseline.requests(), fault.requests(), recovery.requests()))
                .as("requests by start").containsExactly(1L, 2L, 1L);
        assertThat(baseline.p99Ms()).as("the straddling request's latency").isEqualTo(50.0);
    }

    @Test
    void faultPhaseSpansFromTheFirstInjectToTheLastHeal() {
        Result result = new RunFixture(dir).standardConfig().snapshotAllUsable()
                .inject("f0", "crash", "api-0", "down", "fast_fail", 5_000).heal("f0", "api-0", 12_000)
                .inject("f1", "crash", "api-1", "down", "fast_fail", 20_000).heal("f1", "api-1", 25_000)
                .score();

        PhaseMetrics fault = result.metrics().phases().get("fault");
        assertThat(List.of(fault.startMs(), fault.endMs())).as("gap between faults included").containsExactly(5_000L, 25_000L);
        assertThat(result.metrics().phases().get("recovery").startMs()).as("recovery").isEqualTo(25_000L);
    }

    @Test
    void runWithoutFaultsIsAllBaseline() {
        Result result = new RunFixture(dir).snapshotAllUsable().ok(1_000, 5).ok(39_000, 5)
                .expect("phase.fault.availability", ">= 99%").score();

        assertThat(result.metrics().phases()).as("only baseline").containsOnlyKeys("baseline");
        assertThat(result.metrics().phases().get("baseline").endMs()).as("to the end").isEqualTo(40_000L);
        assertThat(result.metrics().phases().get("baseline").requests()).as("both").isEqualTo(2L);
        assertThat(check(result, "phase.fault.availability").reason()).as("no fault phase")
                .isEqualTo("the run has no fault phase");
        assertThat(result.faults()).as("no faults").isEmpty();
    }

    @Test
    void overlappingFaultsOnBothEndpointsGiveUnavoidableThenAvoidableNhu() {
        // Two endpoints. api-0 down [10 s, 30 s), view unusable [12 s, 32 s); api-1 down [20 s, 36 s),
        // view unusable [22 s, 37 s). NHU [22 s, 32 s): all down until 30 s, api-0 back at 30 s.
        Result result = new RunFixture(dir).endpoints("api-0", "api-1").standardConfig().snapshotAllUsable()
                .expect("avoidable_nhu", "0s").expect("unavoidable_nhu", "<= 10s")
                .expect("phase.recovery.avoidable_nhu", "0s")
                .inject("f0", "crash", "api-0", "down", "fast_fail", 10_000).viewChange(12_000, "api-0", false)
                .inject("f1", "crash", "api-1", "down", "fast_fail", 20_000).viewChange(22_000, "api-1", false)
                .heal("f0", "api-0", 30_000).viewChange(32_000, "api-0", true)
                .heal("f1", "api-1", 36_000).viewChange(37_000, "api-1", true)
                .score();

        Metrics m = result.metrics();
        assertThat(m.unavoidableNhuMs()).as("[22 s, 30 s)").isEqualTo(8_000.0);
        assertThat(m.avoidableNhuMs()).as("[30 s, 32 s)").isEqualTo(2_000.0);
        assertThat(m.phases().get("fault").avoidableNhuMs()).as("fault phase [10 s, 36 s)").isEqualTo(2_000.0);
        assertThat(m.phases().get("recovery").avoidableNhuMs()).as("recovery phase [36 s, 40 s)").isEqualTo(0.0);
        assertThat(m.phases().get("baseline").unavoidableNhuMs()).as("baseline").isEqualTo(0.0);
        assertThat(check(result, "avoidable_nhu")).as("avoidable check").isEqualTo(new CheckResult("avoidable_nhu",
                "fail", "2000 ms", "0s", "2000 ms is not <= 0 ms"));
        assertThat(check(result, "unavoidable_nhu").verdict()).as("unavoidable check").isEqualTo("pass");
        assertThat(check(result, "phase.recovery.avoidable_nhu").verdict()).as("recovery phase").isEqualTo("pass");
    }

    @Test
    void viewEventsOfOtherClustersAreIgnored() throws IOException {
        RunDirectory run = new RunFixture(dir).endpoints("api-0").snapshotAllUsable().write();
        Files.writeString(run.file(RunDirectory.VIEW), """
                {"t_us":%d,"cluster":"admin","endpoint":"adm-0","state":"unhealthy","usable":false,"flags":[],"reason":"active_hc_failed"}
                """.formatted(RunFixture.us(1_000)), java.nio.file.StandardOpenOption.APPEND);

        assertThat(Scorer.score(run).metrics().avoidableNhuMs()).as("api has a usable endpoint").isEqualTo(0.0);
    }

    @Test
    void clientMetricsCountEveryRequestByCause() {
        Result result = new RunFixture(dir).snapshotAllUsable()
                .ok(1_000, 10).ok(2_000, 20).ok(3_000, 30).ok(4_000, 40)
                .request(5_000, 1, 503, "UH", null)
                .request(6_000, 2_000, 0, null, "timeout")
                .request(7_000, 3, 500, null, null)
                .request(8_000, 4, 0, null, "connect")
                .expect("availability", ">= 99.0%").expect("requests", ">= 8").expect("achieved_rate", ">= 1/s")
                .expect("max_latency", "<= 2s")
                .score();

        Metrics m = result.metrics();
        assertThat(m.requests()).as("requests").isEqualTo(8);
        assertThat(m.availability()).as("4 of 8").isEqualTo(0.5);
        assertThat(m.p50Ms()).as("rank 4 of 1,3,4,10,20,30,40,2000").isEqualTo(10.0);
        assertThat(m.p90Ms()).as("rank ⌈7.2⌉ = 8").isEqualTo(2000.0);
        assertThat(m.maxMs()).as("max").isEqualTo(2000.0);
        assertThat(m.causes()).as("causes").containsOnly(entry("ok", 4L), entry("UH", 1L), entry("client_timeout", 1L),
                entry("backend_5xx", 1L), entry("client_error", 1L));
        assertThat(m.achievedRatePerSec()).as("7 gaps between the first start (1 s) and the last (8 s)").isEqualTo(1.0);
        assertThat(m.targetRatePerSec()).as("from the manifest").isEqualTo(100.0);
        assertThat(check(result, "availability")).as("availability check").isEqualTo(new CheckResult("availability",
                "fail", "50.00%", ">= 99.0%", "50.00% is not >= 99.00%"));
        assertThat(check(result, "requests").verdict()).as("8 >= 8").isEqualTo("pass");
        assertThat(check(result, "achieved_rate")).as("rate").isEqualTo(new CheckResult("achieved_rate", "pass",
                "1.0/s", ">= 1/s", null));
        assertThat(check(result, "max_latency").verdict()).as("2000 <= 2000").isEqualTo("pass");
    }

    @Test
    void windowMetricsUseOnlyRequestsStartedInsideTheWindow() {
        Result result = new RunFixture(dir).snapshotAllUsable()
                .ok(19_999, 100)
                .ok(20_000, 10).request(25_000, 1, 503, "UH", null).ok(29_999, 20)
                .request(30_000, 1, 503, "UH", null)
                .expect("window[20s..30s].availability", ">= 66%").expect("window[20s..30s].requests", "== 3")
                .expect("window[20s..30s].achieved_rate", "== 0.3/s").expect("window[20s..30s].max_latency", "<= 20ms")
                .expect("window[50s..60s].availability", ">= 99%")
                .score();

        assertThat(result.checks()).extracting(CheckResult::verdict).as("verdicts")
                .containsExactly("pass", "pass", "pass", "pass", "unknown");
        assertThat(check(result, "window[20s..30s].availability").measured()).as("2 of 3").isEqualTo("66.67%");
        assertThat(check(result, "window[50s..60s].availability").reason()).as("after the end")
                .isEqualTo("window [50000 ms, 60000 ms) starts after the run ended (at 40000 ms)");
    }

    @Test
    void phaseWithoutTrafficHasNullAvailabilityNotNaN() {
        Result result = oneCrash().ok(1_000, 5).ok(15_000, 5)
                .expect("phase.recovery.availability", ">= 99%").expect("phase.recovery.p99_latency", "<= 1s")
                .score();

        PhaseMetrics recovery = result.metrics().phases().get("recovery");
        assertThat(recovery.requests()).as("no requests").isZero();
        assertThat(recovery.availability()).as("availability").isNull();
        assertThat(recovery.p99Ms()).as("p99").isNull();
        assertThat(check(result, "phase.recovery.availability")).as("check").isEqualTo(new CheckResult(
                "phase.recovery.availability", "unknown", null, ">= 99%", "no requests in the recovery phase"));
        assertThat(result.verdict()).as("verdict").isEqualTo("unknown");
    }

    @Test
    void withoutAViewNhuIsUnknownButClientChecksAreDecided() {
        Result result = oneCrash().noView().ok(1_000, 5)
                .expect("avoidable_nhu", "0s").expect("availability", "99%")
                .score();

        assertThat(result.metrics().avoidableNhuMs()).as("avoidable").isNull();
        assertThat(result.metrics().unavoidableNhuMs()).as("unavoidable").isNull();
        assertThat(result.metrics().phases().get("fault").avoidableNhuMs()).as("per phase").isNull();
        assertThat(check(result, "avoidable_nhu")).as("NHU check").isEqualTo(new CheckResult("avoidable_nhu", "unknown",
                null, "0s", "no view was observed (gateway kind nginx)"));
        assertThat(check(result, "availability").verdict()).as("availability").isEqualTo("pass");
        assertThat(result.verdict()).as("verdict").isEqualTo("unknown");
    }

    @Test
    void verdictIsTheWorstCheckAndPassWithoutChecks() {
        CheckResult pass = new CheckResult("a", "pass", null, null, null);
        CheckResult unknown = new CheckResult("b", "unknown", null, null, "why");
        CheckResult fail = new CheckResult("c", "fail", null, null, "why");

        assertThat(Scorer.verdict(List.of())).as("no checks").isEqualTo("pass");
        assertThat(Scorer.verdict(List.of(pass, pass))).as("all pass").isEqualTo("pass");
        assertThat(Scorer.verdict(List.of(pass, unknown))).as("unknown").isEqualTo("unknown");
        assertThat(Scorer.verdict(List.of(unknown, fail, pass))).as("fail wins").isEqualTo("fail");
        assertThat(new RunFixture(dir).snapshotAllUsable().score().verdict()).as("a run without expect").isEqualTo("pass");
    }

    @Test
    void invalidExpectationInTheManifestIsUnknownNotACrash() {
        Result result = new RunFixture(dir).snapshotAllUsable().expect("p95_latency", "<= 1s").expect("availability", "lots")
                .score();

        assertThat(check(result, "p95_latency").verdict()).as("unknown metric").isEqualTo("unknown");
        assertThat(check(result, "p95_latency").reason()).as("reason").startsWith("invalid expectation: p95_latency (expected: one of ");
        assertThat(check(result, "availability").reason()).as("bad value")
                .isEqualTo("invalid expectation: lots (expected: [<=|<|>=|>|==] <percentage 0-100%>, e.g. \">= 99.0%\")");
    }

    @Test
    void unreadableFilesGiveUnknownsNeverExceptions() throws IOException {
        RunDirectory run = oneCrash().ok(1_000, 5).expect("avoidable_nhu", "0s").expect("availability", "99%").write();
        Files.writeString(run.file(RunDirectory.VIEW), "{\"t_us\": garbage\n{\"t_us\":1}\n");
        Files.writeString(run.file(RunDirectory.GATEWAY_CONFIG), "{not json");

        Result result = Scorer.score(run);

        assertThat(check(result, "avoidable_nhu").verdict()).as("view unreadable").isEqualTo("unknown");
        assertThat(check(result, "avoidable_nhu").reason()).as("reason").startsWith("view.jsonl unreadable: ");
        assertThat(result.faults().get(0).boundMs()).as("config unreadable → no bound").isNull();
        assertThat(check(result, "availability").verdict()).as("requests still fine").isEqualTo("pass");
    }

    @Test
    void missingManifestGivesAnUnknownResult(@TempDir Path empty) {
        Result result = Scorer.score(new RunDirectory(empty));

        assertThat(result.verdict()).as("verdict").isEqualTo("unknown");
        assertThat(result.checks()).extracting(CheckResult::name).as("one check naming the file").containsExactly("run.json");
        assertThat(result.checks().get(0).reason()).as("reason").startsWith("run.json unreadable: ");
    }

    @Test
    void tornLastLinesAreIgnored() throws IOException {
        RunDirectory run = new RunFixture(dir).snapshotAllUsable().ok(1_000, 5).expect("requests", "== 1").write();
        Files.writeString(run.file(RunDirectory.REQUESTS), "{\"start_us\":12", java.nio.file.StandardOpenOption.APPEND);

        assertThat(check(Scorer.score(run), "requests").verdict()).as("the torn line is dropped").isEqualTo("pass");
    }

    @Test
    void resultSurvivesAResultJsonRoundTrip() {
        RunDirectory run = oneCrash().ok(1_000, 5).ok(15_000, 7).request(16_000, 1, 503, "UH", null)
                .expect("detection_time", "<= bound").expect("availability", "99%").write();
        Result result = Scorer.score(run);

        run.writeResult(result);

        assertThat(run.result()).as("result.json read back").isEqualTo(result);
    }
}
