package dev.gauntlet.harness.score;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.report.run.RunDirectory;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class HealthCheckBoundsTest {

    private static final double A = HealthCheckBounds.ALLOWANCE_MS;

    private static JsonNode config(String cluster) throws IOException {
        return RunDirectory.JSON.readTree("{\"clusters\":[" + cluster + "]}");
    }

    private static HealthCheckBounds standard() {
        return new HealthCheckBounds(1000, 1000, 0, 500, 3, 2, false);
    }

    @Test
    void allowanceIsTwentyFiveMillisecondsPerCheck() {
        assertThat(A).as("documented allowance").isEqualTo(25.0);
    }

    @Test
    void fastFailDetectionBoundIsUMinusOneIntervalsToUIntervalsPlusAllowance() {
        assertThat(standard().detection("fast_fail"))
                .as("I=1s J=0 U=3: [(U−1)·I, U·(I+J) + U·A]")
                .containsExactly(2000.0, 3000.0 + 3 * A);
    }

    @Test
    void timeoutDetectionBoundAddsUTimeouts() {
        assertThat(standard().detection("timeout"))
                .as("I=1s J=0 T=500ms U=3: [(U−1)·I + U·T, U·(I+J+T) + U·A]")
                .containsExactly(3500.0, 4500.0 + 3 * A);
    }

    @Test
    void recoveryBoundUsesUnhealthyIntervalAndHealthyThreshold() {
        assertThat(standard().recovery())
                .as("Iu=1s J=0 T=500ms H=2: [(H−1)·Iu, H·(Iu+J) + T + H·A]")
                .containsExactly(1000.0, 2000.0 + 500.0 + 2 * A);
    }

    @Test
    void jitterWidensOnlyTheUpperBounds() {
        HealthCheckBounds b = new HealthCheckBounds(1000, 2000, 200, 500, 3, 2, false);

        assertThat(b.detection("fast_fail")).as("fast_fail").containsExactly(2000.0, 3 * 1200.0 + 3 * A);
        assertThat(b.detection("timeout")).as("timeout").containsExactly(3500.0, 3 * 1700.0 + 3 * A);
        assertThat(b.recovery()).as("recovery with Iu=2s").containsExactly(2000.0, 2 * 2200.0 + 500.0 + 2 * A);
    }

    @Test
    void outlierDetectionLowersTheDetectionLowerBoundToZero() {
        HealthCheckBounds b = new HealthCheckBounds(1000, 1000, 0, 500, 3, 2, true);

        assertThat(b.detection("fast_fail")).as("fast_fail").containsExactly(0.0, 3075.0);
        assertThat(b.detection("timeout")).as("timeout").containsExactly(0.0, 4575.0);
        assertThat(b.recovery()).as("recovery unchanged").containsExactly(1000.0, 2550.0);
    }

    @Test
    void faultsNoHealthCheckCanSeeHaveNoBound() {
        assertThat(standard().detection("none")).as("none").isNull();
        assertThat(standard().detection(null)).as("missing").isNull();
    }

    @Test
    void readsTheNamedClusterFromTheEffectiveConfig() throws IOException {
        JsonNode json = config("""
                {"name":"other","healthCheck":{"interval":"5s","timeout":"1s","unhealthyThreshold":1,"healthyThreshold":1}},
                {"name":"api","healthCheck":{"interval":"1s","unhealthyInterval":"1.5s","jitter":"100ms","timeout":"500ms",
                 "unhealthyThreshold":3,"healthyThreshold":2},"outlierDetection":{"enabled":false,"consecutive5xx":5}}""");

        HealthCheckBounds.Lookup lookup = HealthCheckBounds.from(json, "api");

        assertThat(lookup.reason()).as("no reason").isNull();
        assertThat(lookup.bounds()).as("parsed")
                .isEqualTo(new HealthCheckBounds(1000, 1500, 100, 500, 3, 2, false));
    }

    @Test
    void unhealthyIntervalDefaultsToIntervalAndJitterToZeroAndNumbersAreMilliseconds() throws IOException {
        JsonNode json = config("""
                {"name":"api","healthCheck":{"interval":2000,"timeout":"0.5s","unhealthyThreshold":2,"healthyThreshold":1},
                 "outlierDetection":{"consecutive5xx":5}}""");

        assertThat(HealthCheckBounds.from(json, "api").bounds())
                .as("defaults; outlierDetection present without enabled counts as enabled")
                .isEqualTo(new HealthCheckBounds(2000, 2000, 0, 500, 2, 1, true));
    }

    @Test
    void missingConfigClusterOrFieldGivesAReasonInsteadOfBounds() throws IOException {
        assertThat(HealthCheckBounds.from(null, "api").reason()).as("no file").isEqualTo("no gateway-config.json");
        assertThat(HealthCheckBounds.from(config("{\"name\":\"web\"}"), "api").reason())
                .as("no cluster").isEqualTo("gateway-config.json: clusters[api] not found");
        assertThat(HealthCheckBounds.from(config("{\"name\":\"api\"}"), "api").reason())
                .as("no health check").isEqualTo("gateway-config.json: clusters[api] has no active health check");
        assertThat(HealthCheckBounds.from(config("{\"name\":\"api\",\"healthCheck\":{\"enabled\":false,\"interval\":\"1s\"}}"), "api").reason())
                .as("disabled").isEqualTo("gateway-config.json: clusters[api] has no active health check");
        assertThat(HealthCheckBounds.from(config("""
                {"name":"api","healthCheck":{"interval":"soon","timeout":"1s","unhealthyThreshold":3,"healthyThreshold":2}}"""), "api"))
                .as("bad interval")
                .isEqualTo(new HealthCheckBounds.Lookup(null, "gateway-config.json: clusters[api].healthCheck.interval missing or invalid"));
    }
}
