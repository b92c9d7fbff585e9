package dev.gauntlet.harness.kind.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.harness.kind.DetectionModel.Bound;
import dev.gauntlet.harness.kind.DetectionModel.Mechanism;
import dev.gauntlet.harness.kind.DetectionModel.Noticed;
import dev.gauntlet.harness.kind.DetectionModel.RunContext;
import org.junit.jupiter.api.Test;

class HaproxyDetectionModelTest {

    private final HaproxyDetectionModel model = new HaproxyDetectionModel();
    private final RunContext run = new RunContext(100, 3);

    /** The effective config as the kind reports it for the truth-table settings (I 1s, T 500ms, fall 3, rise 2). */
    private static ObjectNode effective(String jitter) throws Exception {
        ObjectNode n = HaproxyConfigRendererTest.oneOfThree();
        ((ObjectNode) n.path("clusters").get(0).path("healthCheck")).put("jitter", jitter);
        String cfg = HaproxyConfigRendererTest.render(n);
        HaproxyCluster c = HaproxyCfgReader.check(HaproxyCluster.from(n.path("clusters").get(0)), cfg);
        ObjectNode root = HaproxyConfigRendererTest.YAML.createObjectNode();
        root.putArray("clusters").add(c.effective());
        return root;
    }

    @Test
    void refusedChecksAreDetectedBetweenTwoAndThreeIntervals() throws Exception {
        Bound b = model.detection(effective("0ms"), "api", Noticed.FAST_FAIL, run).get(0);
        assertThat(b.mechanism()).as("active check").isEqualTo(Mechanism.ACTIVE_CHECK);
        assertThat(b.lowMs()).as("(N-1)·I").isCloseTo(2000.0, within(0.001));
        assertThat(b.highMs()).as("I + (N-1)·I + (N+1)·A").isCloseTo(3100.0, within(0.001));
    }

    @Test
    void spreadChecksWidensEachIntervalBothWays() throws Exception {
        Bound b = model.detection(effective("100ms"), "api", Noticed.FAST_FAIL, run).get(0);
        assertThat(b.lowMs()).as("(N-1)·I·0.95").isCloseTo(1900.0, within(0.001));
        assertThat(b.highMs()).as("3·I·1.05 + 4·A").isCloseTo(3250.0, within(0.001));
    }

    @Test
    void timedOutChecksAddTheirTimeouts() throws Exception {
        Bound b = model.detection(effective("0ms"), "api", Noticed.TIMEOUT, run).get(0);
        assertThat(b.lowMs()).as("(N-1)·(I + timeout check)").isCloseTo(3000.0, within(0.001));
        assertThat(b.highMs()).as("3·I + 3·min(timeout connect, inter) + 4·A").isCloseTo(6100.0, within(0.001));
    }

    @Test
    void recoveryTakesDowninterThenRiseMinusOneFastinters() throws Exception {
        Bound b = model.recovery(effective("0ms"), "api", run).get(0);
        assertThat(b.lowMs()).as("(R-1)·I").isCloseTo(1000.0, within(0.001));
        assertThat(b.highMs()).as("Tmax + D + (R-1)·I + R·A").isCloseTo(3050.0, within(0.001));
    }

    @Test
    void withoutChecksThereIsNoBoundAndTheReasonSaysWhy() throws Exception {
        ObjectNode e = effective("0ms");
        ((ObjectNode) e.path("clusters").get(0).path("healthCheck")).put("enabled", false);
        Bound b = model.detection(e, "api", Noticed.FAST_FAIL, run).get(0);
        assertThat(b.known()).as("unknown").isFalse();
        assertThat(b.reason()).as("why").contains("no active checks");
    }
}
