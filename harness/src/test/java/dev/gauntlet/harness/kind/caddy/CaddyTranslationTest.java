package dev.gauntlet.harness.kind.caddy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.harness.kind.Refusal;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CaddyTranslationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode root(String cluster) throws Exception {
        return JSON.readTree("{\"routes\":[{\"host\":\"*\",\"pathPrefix\":\"/\",\"cluster\":\"api\"}],\"clusters\":[{"
                + "\"name\":\"api\",\"endpoints\":[{\"name\":\"api-0\",\"address\":\"127.0.0.1:1\",\"weight\":1},"
                + "{\"name\":\"api-1\",\"address\":\"127.0.0.1:2\",\"weight\":1}]" + cluster + "}]}");
    }

    @Test
    void translatesTheOneOfThreeCrashesHealthCheck() throws Exception {
        CaddyTranslation t = CaddyTranslation.of(root(",\"healthCheck\":{\"type\":\"http\",\"path\":\"/health\","
                + "\"interval\":\"1s\",\"jitter\":\"100ms\",\"timeout\":\"500ms\",\"unhealthyThreshold\":3,\"healthyThreshold\":2}"));
        assertThat(t.active()).isTrue();
        assertThat(t.uri()).isEqualTo("/health");
        assertThat(t.interval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(t.timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(t.fails()).as("health_fails").isEqualTo(3);
        assertThat(t.passes()).as("health_passes").isEqualTo(2);
        assertThat(t.expectStatus()).isEqualTo(200);
        assertThat(t.policy()).isEqualTo("round_robin");
    }

    @Test
    void defaultsAreOurGatewaysActiveAndPassiveChecks() throws Exception {
        CaddyTranslation t = CaddyTranslation.of(root(""));
        assertThat(t.active()).as("healthCheck enabled by default").isTrue();
        assertThat(t.passive()).as("outlierDetection enabled by default").isTrue();
        assertThat(t.maxFails()).isEqualTo(5);
        assertThat(t.failDuration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(t.unhealthyStatus()).as("consecutive5xx 5 by default: any 5xx").containsExactly(5);
    }

    @Test
    void refusesWhatCaddyDoesNotHave() throws Exception {
        assertThat(CaddyTranslation.refusals(root(",\"healthCheck\":{\"type\":\"tcp\",\"unhealthyInterval\":\"5s\","
                + "\"expectedStatuses\":[200,204]},\"panicThreshold\":50,\"retry\":{\"retryOn\":[\"5xx\"],\"backoffBase\":\"25ms\"},"
                + "\"outlierDetection\":{\"maxEjectionPercent\":50}")))
                .extracting(Refusal::path).containsExactlyInAnyOrder("healthCheck.type", "healthCheck.unhealthyInterval",
                        "healthCheck.expectedStatuses", "retry.backoffBase", "retry.retryOn",
                        "outlierDetection.maxEjectionPercent");
    }

    @Test
    void everyTwoHundredIsTheClassTwo() throws Exception {
        StringBuilder all = new StringBuilder();
        for (int s = 200; s < 300; s++) {
            all.append(s == 200 ? "" : ",").append(s);
        }
        assertThat(CaddyTranslation.expectStatus(JSON.readTree("[" + all + "]"))).isEqualTo(2);
        assertThat(CaddyTranslation.expectStatus(JSON.readTree("[401]"))).isEqualTo(401);
        assertThat(CaddyTranslation.expectStatus(JSON.readTree("[200,401]"))).isZero();
    }

    @Test
    void theEffectiveConfigIsReadBackFromTheRenderedJson() throws Exception {
        CaddyTranslation t = CaddyTranslation.of(root(",\"healthCheck\":{\"interval\":\"2s\",\"timeout\":\"300ms\","
                + "\"unhealthyThreshold\":4,\"healthyThreshold\":1},\"outlierDetection\":{\"enabled\":false}"));
        JsonNode e = CaddyConfReader.effective(CaddyConfRenderer.render(t, Path.of("/r"), "127.0.0.1", 1, 2));
        JsonNode c = e.path("clusters").get(0).path("caddy");
        assertThat(e.path("clusters").get(0).path("name").asText()).isEqualTo("api");
        assertThat(c.path("intervalMs").asLong()).isEqualTo(2000);
        assertThat(c.path("timeoutMs").asLong()).isEqualTo(300);
        assertThat(c.path("fails").asInt()).isEqualTo(4);
        assertThat(c.path("passes").asInt()).isEqualTo(1);
        assertThat(c.path("passive").asBoolean()).isFalse();
        assertThat(e.path("clusters").get(0).path("healthCheck").path("jitter").asText()).as("caddy has none").isEqualTo("0ms");
    }
}
