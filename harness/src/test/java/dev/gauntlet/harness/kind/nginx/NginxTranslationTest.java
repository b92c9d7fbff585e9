package dev.gauntlet.harness.kind.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.harness.kind.Refusal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NginxTranslationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode root(String cluster) throws Exception {
        return JSON.readTree("{\"routes\":[{\"host\":\"*\",\"pathPrefix\":\"/\",\"cluster\":\"api\"}],\"clusters\":[{"
                + "\"name\":\"api\",\"endpoints\":[{\"name\":\"api-0\",\"address\":\"127.0.0.1:1\",\"weight\":1},"
                + "{\"name\":\"api-1\",\"address\":\"127.0.0.1:2\",\"weight\":0}]" + cluster + "}]}");
    }

    @Test
    void refusesAnActiveHealthCheckWithTheAgreedLine() throws Exception {
        List<Refusal> no = NginxTranslation.refusals(root(",\"healthCheck\":{\"path\":\"/health\"}"));
        assertThat(no).as("refusals").hasSize(1);
        assertThat(no.get(0).path()).isEqualTo("healthCheck");
        assertThat(no.get(0).expected()).as("expected text")
                .isEqualTo("no healthCheck for kind nginx: nginx open source has no active health checks; or gateway.native");
    }

    @Test
    void acceptsAHealthCheckSwitchedOff() throws Exception {
        assertThat(NginxTranslation.refusals(root(",\"healthCheck\":{\"enabled\":false}"))).as("refusals").isEmpty();
    }

    @Test
    void refusesWhatNginxDoesNotHave() throws Exception {
        List<Refusal> no = NginxTranslation.refusals(root(",\"panicThreshold\":50,\"slowStart\":{\"window\":\"5s\"},"
                + "\"retry\":{\"perTryTimeout\":\"500ms\",\"budgetPercent\":20},\"circuitBreakers\":{\"maxRequests\":5},"
                + "\"outlierDetection\":{\"baseEjectionTime\":\"1500ms\",\"maxEjectionPercent\":50,\"ejectionJitter\":\"1s\"}"));
        assertThat(no).extracting(Refusal::path).as("refused paths").containsExactlyInAnyOrder(
                "slowStart.window", "retry.budgetPercent", "retry.perTryTimeout", "circuitBreakers",
                "outlierDetection.baseEjectionTime",
                "outlierDetection.ejectionJitter", "outlierDetection.maxEjectionPercent");
    }

    @Test
    void refusesConsecutive5xxUnlessRetriedOn5xx() throws Exception {
        assertThat(NginxTranslation.refusals(root(",\"outlierDetection\":{\"consecutive5xx\":5}")))
                .extracting(Refusal::path).containsExactly("outlierDetection.consecutive5xx");
        assertThat(NginxTranslation.refusals(root(",\"outlierDetection\":{\"consecutive5xx\":5},\"retry\":{\"retryOn\":[\"5xx\"]}")))
                .as("with retryOn 5xx").isEmpty();
    }

    @Test
    void translatesPassiveChecksRetriesAndWeights() throws Exception {
        NginxTranslation t = NginxTranslation.of(root(",\"outlierDetection\":{\"consecutiveGatewayFailure\":3,"
                + "\"baseEjectionTime\":\"2s\"},\"retry\":{\"maxRetries\":2,\"retryOn\":[\"gateway_error\"]},"
                + "\"connectTimeout\":\"1s\",\"upstreamTimeout\":\"3s\",\"loadBalancing\":\"least_request\""));
        assertThat(t.maxFails()).as("max_fails").isEqualTo(3);
        assertThat(t.failTimeoutS()).as("fail_timeout").isEqualTo(2);
        assertThat(t.tries()).as("tries").isEqualTo(3);
        assertThat(t.nextUpstream()).as("proxy_next_upstream")
                .containsExactly("error", "timeout", "http_502", "http_503", "http_504");
        assertThat(t.balancer()).isEqualTo("least_conn");
        assertThat(t.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(t.readTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(t.clusters().get(0).servers().get(1).down()).as("weight 0 is down").isTrue();
    }

    @Test
    void takesOurGatewaysDefaultsWhenKeysAreMissing() throws Exception {
        NginxTranslation t = NginxTranslation.of(root(""));
        assertThat(t.maxFails()).as("consecutiveGatewayFailure default").isEqualTo(5);
        assertThat(t.failTimeoutS()).as("baseEjectionTime default").isEqualTo(30);
        assertThat(t.tries()).as("maxRetries 1 default").isEqualTo(2);
        assertThat(t.nextUpstream()).containsExactly("error", "timeout");
    }
}
