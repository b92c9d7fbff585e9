package dev.gauntlet.report.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.report.RunFixture;
import dev.gauntlet.report.run.FaultResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyNumbersTest {

    private static FaultResult fault(String id, Double detectionMs, List<Double> bound, Boolean inside) {
        return new FaultResult(id, "crash", "api-0", 0, null, true, "ok", "fast_fail", detectionMs, null, bound, inside,
                null, null);
    }

    @Test
    void worstDetectionIsTheSlowestAndANeverDetectedFaultIsWorstOfAll() {
        FaultResult fast = fault("f0", 900.0, List.of(500.0, 1500.0), true);
        FaultResult slow = fault("f1", 2400.0, List.of(500.0, 1500.0), false);
        FaultResult never = fault("f2", null, List.of(500.0, 1500.0), null);
        FaultResult notApplicable = fault("f3", null, null, null);

        assertThat(KeyNumbers.worstDetection(List.of(fast, slow, notApplicable))).as("slowest").isEqualTo(slow);
        assertThat(KeyNumbers.worstDetection(List.of(fast, never, slow))).as("never detected").isEqualTo(never);
        assertThat(KeyNumbers.worstDetection(List.of(notApplicable))).as("nothing to compare").isNull();
        assertThat(KeyNumbers.detectionText(slow)).as("text")
                .isEqualTo("2400 ms (bound 500–1500 ms, inside: no)");
        assertThat(KeyNumbers.detectionText(never)).as("never text")
                .isEqualTo("never detected (bound 500–1500 ms, inside: unknown)");
    }

    @Test
    void detectionTextShowsTheBracketAndTheMechanismThatFired() {
        FaultResult ejected = new FaultResult("f0", "crash", "api-0", 0, null, true, "ok", "fast_fail", 40.6, null,
                List.of(15.0, 100.0), true, null, null, 0L, List.of(40.0, 41.0), "outlier_ejection",
                "consecutive_gateway_failure=5", List.of(), "outlier ejection at [40 ms, 41 ms]", null, null, null);

        assertThat(KeyNumbers.detectionText(ejected)).as("text")
                .isEqualTo("40.0–41.0 ms by outlier ejection (bound 15.0–100 ms, inside: yes)");
    }

    @Test
    void faultPhaseAvailabilityComesFromTheFaultPhaseOnly() {
        assertThat(KeyNumbers.faultAvailability(RunFixture.result().metrics())).as("fault phase").isEqualTo(0.88);
        assertThat(KeyNumbers.faultAvailability(null)).as("no metrics").isNull();
        assertThat(KeyNumbers.avoidableNhuMs(RunFixture.resultWithNullMetrics())).as("no metrics").isNull();
    }
}
