package dev.gauntlet.harness.kind.caddy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.harness.kind.DetectionModel.Bound;
import dev.gauntlet.harness.kind.DetectionModel.Mechanism;
import dev.gauntlet.harness.kind.DetectionModel.Noticed;
import dev.gauntlet.harness.kind.DetectionModel.RunContext;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaddyDetectionModelTest {

    private final CaddyDetectionModel model = new CaddyDetectionModel();

    private static JsonNode effective() throws Exception {
        JsonNode neutral = new ObjectMapper().readTree("{\"clusters\":[{\"name\":\"api\",\"endpoints\":["
                + "{\"name\":\"a\",\"address\":\"127.0.0.1:1\"},{\"name\":\"b\",\"address\":\"127.0.0.1:2\"}],"
                + "\"healthCheck\":{\"interval\":\"1s\",\"timeout\":\"300ms\",\"unhealthyThreshold\":2,\"healthyThreshold\":3},"
                + "\"outlierDetection\":{\"consecutiveGatewayFailure\":4,\"consecutive5xx\":0,\"baseEjectionTime\":\"10s\"},"
                + "\"upstreamTimeout\":\"2s\"}]}");
        return CaddyConfReader.effective(CaddyConfRenderer.render(CaddyTranslation.of(neutral), Path.of("/r"), "127.0.0.1", 1, 2));
    }

    private static Bound of(List<Bound> bounds, Mechanism m) {
        return bounds.stream().filter(b -> b.mechanism() == m).findFirst().orElseThrow();
    }

    @Test
    void activeRefusedIsUMinusOneToUIntervalsPlusTheDecidingChecksTime() throws Exception {
        Bound b = of(model.detection(effective(), "api", Noticed.FAST_FAIL, new RunContext(100, 2)), Mechanism.ACTIVE_CHECK);
        assertThat(b.lowMs()).isEqualTo(1000.0);
        assertThat(b.highMs()).isEqualTo(2300.0);
    }

    @Test
    void activeBlackholeAddsTheCheckTimeout() throws Exception {
        Bound b = of(model.detection(effective(), "api", Noticed.TIMEOUT, new RunContext(100, 2)), Mechanism.ACTIVE_CHECK);
        assertThat(b.lowMs()).isEqualTo(1300.0);
        assertThat(b.highMs()).isEqualTo(2300.0);
    }

    @Test
    void passiveCountsRequestsToTheUpstream() throws Exception {
        Bound b = of(model.detection(effective(), "api", Noticed.FAST_FAIL, new RunContext(100, 2)), Mechanism.OUTLIER_EJECTION);
        assertThat(b.lowMs()).as("(M-1) n/R").isEqualTo(60.0);
        assertThat(b.highMs()).as("M n/R").isEqualTo(80.0);
    }

    @Test
    void recoveryBothMechanisms() throws Exception {
        List<Bound> r = model.recovery(effective(), "api", new RunContext(100, 2));
        assertThat(of(r, Mechanism.ACTIVE_CHECK).lowMs()).isEqualTo(2000.0);
        assertThat(of(r, Mechanism.ACTIVE_CHECK).highMs()).isEqualTo(3300.0);
        assertThat(of(r, Mechanism.OUTLIER_EJECTION).highMs()).isEqualTo(12000.0);
    }
}
