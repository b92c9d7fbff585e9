package dev.gauntlet.harness.kind.envoy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gauntlet.harness.kind.AnswerLabeler.Answer;
import dev.gauntlet.harness.kind.DetectionModel.Bound;
import dev.gauntlet.harness.kind.DetectionModel.Mechanism;
import dev.gauntlet.harness.kind.DetectionModel.Noticed;
import dev.gauntlet.harness.kind.DetectionModel.RunContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bounds of Envoy's check scheduling for one-of-three-crashes' settings, and the labels of its answers. */
class EnvoyDetectionModelTest {

    private final EnvoyDetectionModel model = new EnvoyDetectionModel();

    private static JsonNode effective() throws Exception {
        var b = EnvoyBootstrap.render(EnvoyBootstrapTest.neutral("""
                healthCheck: { interval: 1s, jitter: 100ms, timeout: 500ms, unhealthyThreshold: 3, healthyThreshold: 2 }
                """), "127.0.0.1", 1, 2, Path.of("/run"));
        var yaml = new YAMLMapper();
        return EnvoyEffectiveConfig.fromClusters(yaml.readTree(yaml.writeValueAsString(b)).at("/static_resources/clusters"));
    }

    @Test
    void fastFailCoversBothARefusedEndpointAndAStatusThatFailsAtOnce() throws Exception {
        Bound b = model.detection(effective(), "api", Noticed.FAST_FAIL, new RunContext(200, 3)).get(0);
        assertThat(b.mechanism()).isEqualTo(Mechanism.ACTIVE_CHECK);
        assertThat(b.lowMs()).as("a non-expected status: the next check").isCloseTo(0, within(0.01));
        assertThat(b.highMs()).as("(I+J)+(U-1)*(E+J) = 1100+2*1100").isCloseTo(3300, within(0.01));
    }

    @Test
    void aBlackholeWaitsForEveryTimeout() throws Exception {
        Bound b = model.detection(effective(), "api", Noticed.TIMEOUT, new RunContext(200, 3)).get(0);
        assertThat(b.lowMs()).as("U*T+(U-1)*E = 1500+2000").isCloseTo(3500, within(0.01));
        assertThat(b.highMs()).as("(I+J)+U*T+(U-1)*(E+J) = 1100+1500+2200").isCloseTo(4800, within(0.01));
    }

    @Test
    void recoveryNeedsHealthyThresholdPassesAndOutlierRecoveryIsNotClaimed() throws Exception {
        List<Bound> r = model.recovery(effective(), "api", new RunContext(200, 2));
        assertThat(r.get(0).lowMs()).as("(H-1)*He").isCloseTo(1000, within(0.01));
        assertThat(r.get(0).highMs()).as("T+(I'+J)+(H-1)*(He+J) = 500+1100+1100").isCloseTo(2700, within(0.01));
        assertThat(r.get(1).known()).as("an ejection ends by Envoy's sweep, not the heal").isFalse();
        assertThat(r.get(1).reason()).isNotBlank();
    }

    @Test
    void outlierEjectionDetectionIsAnEstimateNotABound() throws Exception {
        Bound b = model.detection(effective(), "api", Noticed.FAST_FAIL, new RunContext(200, 3)).get(1);
        assertThat(b.mechanism()).isEqualTo(Mechanism.OUTLIER_EJECTION);
        assertThat(b.known()).isFalse();
        assertThat(b.derivation()).contains("75 ms");
    }

    @Test
    void envoysResponseFlagsAreLabelledByCause() {
        EnvoyLabeler labeler = new EnvoyLabeler();
        assertThat(labeler.flags(answer("UH"))).isEqualTo("UH");
        assertThat(labeler.flags(answer("URX,UF"))).as("the connect failure is the cause").isEqualTo("UF");
        assertThat(labeler.flags(answer("UR"))).as("a reset before headers").isEqualTo("UF");
        assertThat(labeler.flags(answer("URX"))).isEqualTo("URX");
        assertThat(labeler.flags(answer("UF,UO"))).as("a retry the budget refused: the try's failure").isEqualTo("UF");
        assertThat(labeler.flags(answer("UO"))).as("a full breaker").isEqualTo("UO");
        assertThat(labeler.flags(answer("NR"))).isEqualTo("NR");
        assertThat(labeler.flags(answer("-"))).as("a backend's own answer").isNull();
        assertThat(labeler.flags(answer("DC"))).as("the client went away: no gateway cause").isNull();
    }

    private static Answer answer(String flags) {
        return new Answer(503, Map.of("x-gauntlet-flags", flags), "");
    }
}
