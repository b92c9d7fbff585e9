package dev.gauntlet.harness.kind.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.harness.kind.DetectionModel.Bound;
import dev.gauntlet.harness.kind.DetectionModel.Mechanism;
import dev.gauntlet.harness.kind.DetectionModel.Noticed;
import dev.gauntlet.harness.kind.DetectionModel.RunContext;
import dev.gauntlet.report.run.RunDirectory;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The builtin gateway's bounds on literal configs: the active-check formulas of CONTRACTS.md (figures worked by
 * hand), and the passive bound from C, the rate, the balancer and the usable endpoints.
 */
class BuiltinDetectionModelTest {

    private static final double A = BuiltinDetectionModel.ALLOWANCE_MS;
    private final BuiltinDetectionModel model = new BuiltinDetectionModel();

    private static JsonNode config(String clusterFields) throws IOException {
        return RunDirectory.JSON.readTree("{\"clusters\":[{\"name\":\"api\"," + clusterFields + "}]}");
    }

    private static final String STANDARD = "\"healthCheck\":{\"interval\":\"1000ms\",\"unhealthyInterval\":\"1000ms\","
            + "\"jitter\":\"0ms\",\"timeout\":\"500ms\",\"unhealthyThreshold\":3,\"healthyThreshold\":2}";

    private static Bound of(List<Bound> bounds, Mechanism m) {
        return bounds.stream().filter(b -> b.mechanism() == m).findFirst().orElseThrow();
    }

    private static List<Double> range(Bound b) {
        return List.of(b.lowMs(), b.highMs());
    }

    @Test
    void activeFastFailBoundIsUMinusOneIntervalsToUIntervalsPlusAllowance() throws IOException {
        Bound b = of(model.detection(config(STANDARD), "api", Noticed.FAST_FAIL, new RunContext(100, 3)), Mechanism.ACTIVE_CHECK);
        assertThat(range(b)).as("I=1s J=0 U=3: [(U−1)·I, U·(I+J) + U·A]").containsExactly(2000.0, 3000.0 + 3 * A);
    }

    @Test
    void activeTimeoutBoundAddsUTimeoutsAndJitterWidensOnlyTheUpperEnd() throws IOException {
        String jittered = STANDARD.replace("\"jitter\":\"0ms\"", "\"jitter\":\"200ms\"");
        Bound b = of(model.detection(config(jittered), "api", Noticed.TIMEOUT, new RunContext(100, 3)), Mechanism.ACTIVE_CHECK);
        assertThat(range(b)).as("[(U−1)·I + U·T, U·(I+J+T) + U·A]").containsExactly(3500.0, 3 * 1700.0 + 3 * A);
    }

    @Test
    void activeRecoveryUsesTheUnhealthyIntervalAndHealthyThreshold() throws IOException {
        String slower = STANDARD.replace("\"unhealthyInterval\":\"1000ms\"", "\"unhealthyInterval\":\"2s\"");
        Bound b = of(model.recovery(config(slower), "api", new RunContext(100, 3)), Mechanism.ACTIVE_CHECK);
        assertThat(range(b)).as("[(H−1)·Iu, H·(Iu+J) + T + H·A]").containsExactly(2000.0, 2 * 2000.0 + 500.0 + 2 * A);
    }

    @Test
    void outlierDetectionKeepsTheActiveFloorAndAddsItsOwnBound() throws IOException {
        List<Bound> bounds = model.detection(config(STANDARD + ",\"outlierDetection\":{\"enabled\":true,"
                + "\"consecutiveGatewayFailure\":5},\"loadBalancing\":\"round_robin\""), "api", Noticed.FAST_FAIL,
                new RunContext(200, 3));
        assertThat(range(of(bounds, Mechanism.ACTIVE_CHECK))).as("active floor stays 2000 ms").containsExactly(2000.0, 3075.0);
        // round robin, 200 req/s (5 ms apart), 3 endpoints: C-th try is request 13..15; one in flight may count
        assertThat(range(of(bounds, Mechanism.OUTLIER_EJECTION))).as("[(C−2)·n/λ, C·n/λ + A]")
                .containsExactly(3 * 3 * 5.0, 5 * 3 * 5.0 + PassiveBound.ALLOWANCE_MS);
    }

    @Test
    void randomBalancingTakesTheNegativeBinomialQuantiles() throws IOException {
        Bound b = of(model.detection(config("\"loadBalancing\":\"random\",\"outlierDetection\":{\"consecutiveGatewayFailure\":1}"),
                "api", Noticed.FAST_FAIL, new RunContext(100, 2)), Mechanism.OUTLIER_EJECTION);
        // C=1, p=1/2: tries elsewhere before the hit are geometric; the 99.5% quantile is 7 (1 − 0.5^8 ≥ 0.995 > 1 − 0.5^7)
        assertThat(range(b)).as("[0, (1 + 7)·10 ms + A]").containsExactly(0.0, 80.0 + PassiveBound.ALLOWANCE_MS);
    }

    @Test
    void leastRequestSpansTheShareOfAPiledUpEndpointToThatOfAFastOne() throws IOException {
        Bound random = of(model.detection(config("\"loadBalancing\":\"random\",\"outlierDetection\":{}"), "api",
                Noticed.FAST_FAIL, new RunContext(100, 3)), Mechanism.OUTLIER_EJECTION);
        Bound least = of(model.detection(config("\"loadBalancing\":\"least_request\",\"outlierDetection\":{}"), "api",
                Noticed.FAST_FAIL, new RunContext(100, 3)), Mechanism.OUTLIER_EJECTION);
        assertThat(least.highMs()).as("p down to 1/9: a later upper end than random's p = 1/3").isGreaterThan(random.highMs());
        assertThat(least.lowMs()).as("p up to 5/9: an earlier lower end").isLessThanOrEqualTo(random.lowMs());
    }

    @Test
    void aTimeoutFaultCountsOnlyWhenTheTryTimesOut() throws IOException {
        Bound perTry = of(model.detection(config("\"outlierDetection\":{},\"connectTimeout\":\"5s\",\"upstreamTimeout\":\"15s\","
                + "\"retry\":{\"perTryTimeout\":\"200ms\"}"), "api", Noticed.TIMEOUT, new RunContext(200, 3)), Mechanism.OUTLIER_EJECTION);
        assertThat(range(perTry)).as("d = per-try timeout 200 ms at both ends").containsExactly(45.0 + 200, 75.0 + 200 + 25);
        Bound noPerTry = of(model.detection(config("\"outlierDetection\":{},\"connectTimeout\":\"1s\",\"upstreamTimeout\":\"15s\""),
                "api", Noticed.TIMEOUT, new RunContext(200, 3)), Mechanism.OUTLIER_EJECTION);
        assertThat(range(noPerTry)).as("d from the connect timeout (new connection) to the request timeout (pooled)")
                .containsExactly(45.0 + 1000, 75.0 + 15_000 + 25);
    }

    @Test
    void noPassiveBoundWhereTheGatewayCannotEject() throws IOException {
        JsonNode on = config("\"outlierDetection\":{}");
        assertThat(of(model.detection(on, "api", Noticed.FAST_FAIL, new RunContext(100, 1)), Mechanism.OUTLIER_EJECTION).reason())
                .as("last usable endpoint").contains("never ejects the last usable endpoint");
        assertThat(of(model.detection(on, "api", Noticed.FAST_FAIL, new RunContext(0, 3)), Mechanism.OUTLIER_EJECTION).reason())
                .as("no load").isEqualTo("no load rate known for the run");
        assertThat(of(model.detection(config("\"outlierDetection\":{\"enabled\":false}"), "api", Noticed.FAST_FAIL,
                new RunContext(100, 3)), Mechanism.OUTLIER_EJECTION).reason()).as("disabled").isEqualTo("outlier detection disabled");
        assertThat(model.detection(on, "api", Noticed.NONE, new RunContext(100, 3))).as("none: nothing to bound").isEmpty();
    }

    @Test
    void readsDurationsAndReportsWhatIsMissing() throws IOException {
        Bound missing = of(model.detection(config("\"healthCheck\":{\"interval\":\"1s\",\"unhealthyThreshold\":3,"
                + "\"healthyThreshold\":2}"), "api", Noticed.FAST_FAIL, new RunContext(100, 3)), Mechanism.ACTIVE_CHECK);
        assertThat(missing.reason()).as("reason").isEqualTo("gateway-config.json: clusters[api].healthCheck.timeout missing or invalid");
        assertThat(of(model.detection(null, "api", Noticed.FAST_FAIL, new RunContext(100, 3)), Mechanism.ACTIVE_CHECK).reason())
                .as("no config").isEqualTo("no gateway-config.json");
        assertThat(BuiltinDetectionModel.ms(RunDirectory.JSON.getNodeFactory().textNode("1.5s"))).as("1.5s").isEqualTo(1500.0);
        assertThat(BuiltinDetectionModel.ms(RunDirectory.JSON.getNodeFactory().numberNode(250))).as("bare ms").isEqualTo(250.0);
    }

    @Test
    void anEjectedEndpointComesBackByTheFirstPassingCheckOrTheEjectionsEnd() throws IOException {
        Bound b = of(model.recovery(config(STANDARD + ",\"outlierDetection\":{\"maxEjectionTime\":\"300s\"}"), "api",
                new RunContext(100, 3)), Mechanism.OUTLIER_EJECTION);
        assertThat(range(b)).as("[0, min(300 s, T + I + J) + A]").containsExactly(0.0, 1500.0 + PassiveBound.ALLOWANCE_MS);
    }
}
