package dev.gauntlet.harness.kind.nginx;

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

class NginxDetectionModelTest {

    private final NginxDetectionModel model = new NginxDetectionModel();

    private static JsonNode effective(String outlier) throws Exception {
        JsonNode neutral = new ObjectMapper().readTree("{\"clusters\":[{\"name\":\"api\",\"endpoints\":["
                + "{\"name\":\"a\",\"address\":\"127.0.0.1:1\"},{\"name\":\"b\",\"address\":\"127.0.0.1:2\"},"
                + "{\"name\":\"c\",\"address\":\"127.0.0.1:3\"}],\"outlierDetection\":" + outlier
                + ",\"connectTimeout\":\"1s\",\"upstreamTimeout\":\"2s\"}]}");
        return NginxConfReader.effective(NginxConfRenderer.render(NginxTranslation.of(neutral), Path.of("/r"), "127.0.0.1", 1, 2));
    }

    private static Bound passive(List<Bound> bounds) {
        return bounds.stream().filter(b -> b.mechanism() == Mechanism.OUTLIER_EJECTION).findFirst().orElseThrow();
    }

    @Test
    void refusedIsTheMaxFailsthTurnOfTheServer() throws Exception {
        List<Bound> b = model.detection(effective("{\"consecutiveGatewayFailure\":3,\"baseEjectionTime\":\"2s\"}"), "api",
                Noticed.FAST_FAIL, new RunContext(100, 3));
        assertThat(passive(b).lowMs()).as("(F-1) n/R").isEqualTo(60.0);
        assertThat(passive(b).highMs()).as("F n/R").isEqualTo(90.0);
        assertThat(b).filteredOn(x -> x.mechanism() == Mechanism.ACTIVE_CHECK).first()
                .satisfies(x -> assertThat(x.known()).as("no active checks").isFalse());
    }

    @Test
    void aTimeoutAddsTheTrysTimeout() throws Exception {
        Bound b = passive(model.detection(effective("{\"consecutiveGatewayFailure\":3,\"baseEjectionTime\":\"2s\"}"), "api",
                Noticed.TIMEOUT, new RunContext(100, 3)));
        assertThat(b.lowMs()).as("(F-1)p + connect timeout").isEqualTo(1060.0);
        assertThat(b.highMs()).as("Fp + read timeout").isEqualTo(2090.0);
    }

    @Test
    void recoveryIsBoundedByFailTimeoutAWholeSecondATurnAndATryInFlight() throws Exception {
        Bound b = model.recovery(effective("{\"consecutiveGatewayFailure\":3,\"baseEjectionTime\":\"2s\"}"), "api",
                new RunContext(100, 3)).get(0);
        assertThat(b.lowMs()).isZero();
        assertThat(b.highMs()).isEqualTo(2000 + 1000 + 30 + 2000.0);
    }

    @Test
    void noLoadOrNoCountingIsUnknownWithAReason() throws Exception {
        assertThat(passive(model.detection(effective("{\"consecutiveGatewayFailure\":3,\"baseEjectionTime\":\"2s\"}"), "api",
                Noticed.FAST_FAIL, new RunContext(0, 3))).reason()).contains("no load");
        assertThat(passive(model.detection(effective("{\"enabled\":false}"), "api", Noticed.FAST_FAIL,
                new RunContext(100, 3))).reason()).contains("max_fails=0");
    }
}
