package dev.gauntlet.harness.score;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.report.run.CheckResult;
import dev.gauntlet.report.run.Result;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 point 6: a lost view is not a missed detection. Anything falling in a {@code view_gap} (from the gap line to
 * the reconnect's snapshot) is unknown: detections, recoveries, NHU time, false ejections.
 */
class ViewGapScoringTest {

    @TempDir
    Path dir;

    private RunFixture run() {
        return new RunFixture(dir).standardConfig().snapshotAllUsable()
                .expect("detection_time", "<= bound").expect("avoidable_nhu", "<= 0s").expect("false_ejections", "<= 0");
    }

    private static CheckResult check(Result result, String name) {
        return result.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aStreamThatDroppedBeforeTheDetectionLeavesItUnknownNotFailed() {
        // before: the "*" gap line was read as an endpoint and the fault "not detected within 20 s" failed
        Result result = run().inject("f0", "crash", "api-0", "down", "fast_fail", 10_000)
                .viewGap(11_000, "stream closed").heal("f0", "api-0", 30_000)
                .score();

        assertThat(result.faults().get(0).insideBound()).as("unknown").isNull();
        assertThat(check(result, "detection_time").verdict()).as("check").isEqualTo("unknown");
        assertThat(check(result, "detection_time").reason()).as("reason")
                .isEqualTo("f0 (crash api-0): the view was lost from 11.0 s to 40.0 s (stream closed)");
    }

    @Test
    void aTransitionFirstSeenInTheReconnectSnapshotIsUnknown() {
        Result result = run().inject("f0", "crash", "api-0", "down", "fast_fail", 10_000)
                .viewGap(11_000, "stream closed").reconnect(25_000, "api-0")
                .score();

        assertThat(result.faults().get(0).detectionMs()).as("not 15 s: the change happened somewhere in the gap").isNull();
        assertThat(check(result, "detection_time").verdict()).as("check").isEqualTo("unknown");
    }

    @Test
    void nhuAndFalseEjectionsOverlappingAGapAreUnknown() {
        Result result = run().viewGap(5_000, "read timed out").reconnect(6_000).score();

        assertThat(result.metrics().avoidableNhuMs()).as("NHU unknown").isNull();
        assertThat(result.metrics().falseEjections()).as("false ejections unknown").isNull();
        assertThat(check(result, "avoidable_nhu").reason()).as("reason")
                .isEqualTo("NHU time unknown: the view was lost from 5.0 s to 6.0 s (read timed out)");
        assertThat(result.metrics().phases().get("baseline").avoidableNhuMs()).as("phase too").isNull();
    }

    @Test
    void aDetectionSeenBeforeTheGapStands() {
        Result result = run().inject("f0", "crash", "api-0", "down", "fast_fail", 10_000)
                .viewChange(12_400, "api-0", false).viewGap(20_000, "stream closed").reconnect(21_000, "api-0")
                .score();

        assertThat(result.faults().get(0).detectionMs()).as("measured before the gap").isEqualTo(2400.0);
        assertThat(check(result, "detection_time").verdict()).as("check").isEqualTo("pass");
    }
}
