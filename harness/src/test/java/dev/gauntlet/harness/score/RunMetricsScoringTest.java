package dev.gauntlet.harness.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gauntlet.report.run.CheckResult;
import dev.gauntlet.report.run.Metrics;
import dev.gauntlet.report.run.PhaseMetrics;
import dev.gauntlet.report.run.Result;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * False ejections, NHU answer latency and retry amplification, per run and per phase, on literal histories.
 * Times in ms since the run's start; the run lasts 40 s; phases baseline [0, 10 s), fault [10 s, 30 s),
 * recovery [30 s, 40 s).
 */
class RunMetricsScoringTest {

    @TempDir
    Path dir;

    private static CheckResult check(Result result, String name) {
        return result.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    /**
     * <pre>
     * api-0  crash 10 s, view unusable 12 s; heal 30 s, usable 31 s      correct detection, then recovery lag: not false
     * api-1  view unusable 5–7 s while up                                false, baseline, 2 s
     *        latency 15–20 s (degraded), view unusable 16–18 s           ejecting a degraded endpoint is right: not false
     * api-2  view unusable 29–33 s while up                              false, began in the fault phase: 1 s there, 3 s in recovery
     * </pre>
     */
    private RunFixture history() {
        return new RunFixture(dir).standardConfig().snapshotAllUsable()
                .inject("f0", "crash", "api-0", "down", "fast_fail", 10_000).viewChange(12_000, "api-0", false)
                .heal("f0", "api-0", 30_000).viewChange(31_000, "api-0", true)
                .viewChange(5_000, "api-1", false).viewChange(7_000, "api-1", true)
                .inject("f1", "latency", "api-1", "degraded", "none", 15_000).viewChange(16_000, "api-1", false)
                .viewChange(18_000, "api-1", true).heal("f1", "api-1", 20_000)
                .viewChange(29_000, "api-2", false).viewChange(33_000, "api-2", true);
    }

    @Test
    void falseEjectionsCountOnlyEndpointsThatWereUpAndBelongToThePhaseTheyBeganIn() {
        Result result = history()
                .expect("false_ejections", "0").expect("phase.recovery.false_ejections", "0")
                .expect("false_ejection_seconds", "<= 6s").expect("phase.fault.false_ejection_seconds", "< 1s")
                .expect("window[0s..10s].false_ejections", "== 1")
                .score();

        Metrics m = result.metrics();
        PhaseMetrics baseline = m.phases().get("baseline");
        PhaseMetrics fault = m.phases().get("fault");
        PhaseMetrics recovery = m.phases().get("recovery");
        assertThat(m.falseEjections()).as("api-1 at 5 s and api-2 at 29 s").isEqualTo(2L);
        assertThat(m.falseEjectionSeconds()).as("2 s + 4 s").isCloseTo(6.0, within(1e-9));
        assertThat(List.of(baseline.falseEjections(), fault.falseEjections(), recovery.falseEjections()))
                .as("each counted in the phase it began in").containsExactly(1L, 1L, 0L);
        assertThat(List.of(baseline.falseEjectionSeconds(), fault.falseEjectionSeconds(), recovery.falseEjectionSeconds()))
                .as("seconds split at the phase bounds: 2; 29–30 s; 30–33 s").containsExactly(2.0, 1.0, 3.0);
        assertThat(check(result, "false_ejections")).as("whole-run count").isEqualTo(new CheckResult(
                "false_ejections", "fail", "2", "0", "2 is not <= 0"));
        assertThat(check(result, "phase.recovery.false_ejections").verdict()).as("none began in recovery")
                .isEqualTo("pass");
        assertThat(check(result, "false_ejection_seconds")).as("endpoint-time as a duration").isEqualTo(
                new CheckResult("false_ejection_seconds", "pass", "6000 ms", "<= 6s", null));
        assertThat(check(result, "phase.fault.false_ejection_seconds").measured()).as("1 s is not < 1 s")
                .isEqualTo("1000 ms");
        assertThat(check(result, "phase.fault.false_ejection_seconds").verdict()).isEqualTo("fail");
        assertThat(check(result, "window[0s..10s].false_ejections").verdict()).as("api-1's in the window")
                .isEqualTo("pass");
    }

    @Test
    void withoutAViewFalseEjectionsAreUnknown() {
        Result result = history().noView().expect("false_ejections", "0").score();

        assertThat(result.metrics().falseEjections()).as("whole run").isNull();
        assertThat(result.metrics().phases().get("fault").falseEjectionSeconds()).as("per phase").isNull();
        assertThat(check(result, "false_ejections")).as("check").isEqualTo(new CheckResult("false_ejections",
                "unknown", null, "0", "no view was observed (gateway kind nginx)"));
    }

    @Test
    void nhuLatencyIsThatOfTheGatewaysOwnNhuAnswersByPhase() {
        Result result = history()
                .request(11_000, 2, 503, "UH", null).request(12_000, 8, 503, "UH", null)
                .request(13_000, 6, 503, "UH", null).request(14_000, 4, 503, "UH", null)
                .request(35_000, 100, 503, "UH", null)
                .request(15_000, 900, 503, "UO", null)  // overflow, not NHU
                .request(16_000, 700, 200, "UH", null)  // succeeded: cause ok whatever the flags
                .ok(1_000, 5)
                .expect("nhu_latency_p99", "<= 50ms").expect("phase.fault.nhu_latency_p99", "<= 10ms")
                .expect("phase.baseline.nhu_latency_p99", "<= 1ms").expect("nhu_latency_p50", "<= 6ms")
                .score();

        Metrics m = result.metrics();
        assertThat(List.of(m.nhuLatencyP50Ms(), m.nhuLatencyP99Ms())).as("2, 4, 6, 8, 100: ranks ⌈2.5⌉ = 3 and ⌈4.95⌉ = 5")
                .containsExactly(6.0, 100.0);
        PhaseMetrics fault = m.phases().get("fault");
        assertThat(List.of(fault.nhuLatencyP50Ms(), fault.nhuLatencyP99Ms())).as("2, 4, 6, 8: ranks 2 and 4")
                .containsExactly(4.0, 8.0);
        assertThat(m.phases().get("baseline").nhuLatencyP99Ms()).as("no NHU answer in the baseline").isNull();
        assertThat(check(result, "nhu_latency_p99")).as("the slow one").isEqualTo(new CheckResult("nhu_latency_p99",
                "fail", "100 ms", "<= 50ms", "100 ms is not <= 50 ms"));
        assertThat(check(result, "phase.fault.nhu_latency_p99").verdict()).as("fail-fast in the fault phase")
                .isEqualTo("pass");
        assertThat(check(result, "nhu_latency_p50").verdict()).as("6 <= 6").isEqualTo("pass");
        assertThat(check(result, "phase.baseline.nhu_latency_p99")).as("nothing to be slow: pass, saying so")
                .isEqualTo(new CheckResult("phase.baseline.nhu_latency_p99", "pass", "no NHU answers", "<= 1ms",
                        "the gateway gave no NHU answer (flag UH) in the baseline phase"));
    }

    @Test
    void retryAmplificationComesFromTheGatewaysCountersForTheWholeRunOnly() {
        Result result = history().gatewayMetrics(RetryAmplificationTest.METRICS)
                .expect("retry_amplification", "<= 1.01").expect("phase.fault.retry_amplification", "<= 2")
                .score();

        assertThat(result.metrics().retryAmplification()).as("612 / 610").isCloseTo(612.0 / 610.0, within(1e-12));
        assertThat(check(result, "retry_amplification")).as("check").isEqualTo(new CheckResult("retry_amplification",
                "pass", "1.003", "<= 1.01", null));
        assertThat(check(result, "phase.fault.retry_amplification").verdict()).as("no per-phase counters")
                .isEqualTo("unknown");
    }

    @Test
    void retryAmplificationWithoutTheMetricsFileIsUnknown() {
        Result result = history().expect("retry_amplification", "<= 1.2").score();

        assertThat(result.metrics().retryAmplification()).as("unknown, not 1").isNull();
        assertThat(check(result, "retry_amplification").reason()).as("why")
                .isEqualTo("gateway-metrics.prom missing: the gateway's /metrics was not saved");
    }

    @Test
    void checkValuesGiveTheNumbersBehindTheChecks() {
        var run = history().gatewayMetrics(RetryAmplificationTest.METRICS).ok(1_000, 5).request(2_000, 3, 503, "UH", null)
                .expect("availability", ">= 99%").expect("false_ejection_seconds", "<= 6s")
                .expect("retry_amplification", "<= 1.01").expect("detection_time", "<= bound")
                .expect("phase.recovery.availability", ">= 99%")
                .write();

        Map<String, Double> values = Scorer.checkValues(run);

        assertThat(values).as("fractions, ms, ratios; per-fault and unknown values left out").containsOnlyKeys(
                "availability", "false_ejection_seconds", "retry_amplification");
        assertThat(values.get("availability")).as("1 of 2").isEqualTo(0.5);
        assertThat(values.get("false_ejection_seconds")).as("6 s in ms").isCloseTo(6000.0, within(1e-9));
    }
}
