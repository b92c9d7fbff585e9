package dev.gauntlet.harness.score;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.report.run.CheckResult;
import dev.gauntlet.report.run.Result;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Time to full capacity after the last heal, on literal histories. Times in ms; the run lasts 40 s. */
class FullCapacityTest {

    @TempDir
    Path dir;

    private static final String SLOW_START_5S = """
            {"clusters":[{"name":"api","healthCheck":{"interval":"1s","timeout":"500ms","unhealthyThreshold":3,
              "healthyThreshold":2},"slowStart":{"window":"5000ms","minWeightPercent":10}}]}
            """;

    private static CheckResult check(Result result, String name) {
        return result.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    /** api-0 crashed at 10 s, unusable at 12 s, healed at 30 s. */
    private RunFixture crash() {
        return new RunFixture(dir).snapshotAllUsable()
                .inject("f0", "crash", "api-0", "down", "fast_fail", 10_000).viewChange(12_000, "api-0", false)
                .heal("f0", "api-0", 30_000);
    }

    @Test
    void isFromTheLastHealToEveryEndpointUsable() {
        Result result = crash().standardConfig().viewChange(31_200, "api-0", true)
                .expect("time_to_full_capacity", "<= 2s").expect("phase.recovery.time_to_full_capacity", "<= 1s")
                .score();

        assertThat(result.metrics().timeToFullCapacityMs()).as("30 s → 31.2 s").isEqualTo(1200.0);
        assertThat(check(result, "time_to_full_capacity").verdict()).as("1200 <= 2000").isEqualTo("pass");
        assertThat(check(result, "phase.recovery.time_to_full_capacity").verdict()).as("1200 > 1000").isEqualTo("fail");
    }

    @Test
    void slowStartAddsTheRampWindowFromWhenTheEndpointTurnedUsable() {
        Result result = crash().rawConfig(SLOW_START_5S).viewChange(31_200, "api-0", true).score();

        assertThat(result.metrics().timeToFullCapacityMs()).as("usable at 31.2 s, full weight 5 s later").isEqualTo(6200.0);
    }

    @Test
    void aFlapAfterTheHealCountsFromTheLastTimeItTurnedUsable() {
        Result result = crash().standardConfig().viewChange(31_000, "api-0", true).viewChange(33_000, "api-0", false)
                .viewChange(34_000, "api-0", true).score();

        assertThat(result.metrics().timeToFullCapacityMs()).as("usable for good from 34 s").isEqualTo(4000.0);
    }

    @Test
    void anEndpointNeverTakenOutIsAtFullCapacityAtTheHeal() {
        Result result = new RunFixture(dir).rawConfig(SLOW_START_5S).snapshotAllUsable()
                .inject("f0", "latency", "api-0", "degraded", "none", 10_000).heal("f0", "api-0", 30_000).score();

        assertThat(result.metrics().timeToFullCapacityMs()).as("nothing to recover, no ramp").isEqualTo(0.0);
    }

    @Test
    void aReportedSlowStartLastsUntilTheEndpointsNextEventWithoutIt() {
        Result result = crash().standardConfig().viewChange(31_000, "api-0", true)
                .viewEvent(31_500, "api-0", true, List.of("slow_start"), "snapshot")
                .viewEvent(33_500, "api-0", true, List.of(), "snapshot").score();

        assertThat(result.metrics().timeToFullCapacityMs()).as("ramp reported until 33.5 s").isEqualTo(3500.0);
    }

    @Test
    void aReportedSlowStartWithNoEndIsUnknown() {
        Result result = crash().standardConfig().viewChange(31_000, "api-0", true)
                .viewEvent(31_500, "api-0", true, List.of("slow_start"), "snapshot")
                .expect("time_to_full_capacity", "<= 5s").score();

        assertThat(result.metrics().timeToFullCapacityMs()).as("unknown").isNull();
        assertThat(check(result, "time_to_full_capacity").reason()).as("why").isEqualTo(
                "api-0 reported slow_start with no later event and no slowStart.window in gateway-config.json");
    }

    @Test
    void neverUsableAgainFailsOnceWatchedLongerThanTheLimitAndIsUnknownBefore() {
        Result result = crash().standardConfig()
                .expect("time_to_full_capacity", "<= 5s").expect("phase.recovery.time_to_full_capacity", "<= 20s")
                .score();

        assertThat(result.metrics().timeToFullCapacityMs()).as("not reached").isNull();
        assertThat(check(result, "time_to_full_capacity")).as("watched 10 s > 5 s").isEqualTo(new CheckResult(
                "time_to_full_capacity", "fail", "not reached in 10000 ms", "<= 5s",
                "api-0 was not usable again by the end of the run, watched 10000 ms after the last heal"));
        assertThat(check(result, "phase.recovery.time_to_full_capacity").verdict()).as("10 s < 20 s: cannot tell")
                .isEqualTo("unknown");
    }

    @Test
    void withoutAHealThereIsNothingToMeasure() {
        Result unhealed = new RunFixture(dir).standardConfig().snapshotAllUsable()
                .inject("f0", "crash", "api-0", "down", "fast_fail", 10_000)
                .expect("time_to_full_capacity", "<= 5s").expect("phase.fault.time_to_full_capacity", "<= 5s")
                .score();

        assertThat(unhealed.metrics().timeToFullCapacityMs()).as("unhealed").isNull();
        assertThat(check(unhealed, "time_to_full_capacity").reason()).as("why")
                .isEqualTo("a fault was not healed within the run");
        assertThat(check(unhealed, "phase.fault.time_to_full_capacity").reason()).as("only after the last heal")
                .startsWith("time to full capacity is measured from the last heal");
    }
}
