package dev.gauntlet.harness.kind.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NginxConfRendererTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String conf() throws Exception {
        JsonNode neutral = JSON.readTree("""
                {"routes":[{"host":"*.example.com","pathPrefix":"/a.b","cluster":"api"},{"host":"*","pathPrefix":"/","cluster":"api"}],
                 "clusters":[{"name":"api","endpoints":[{"name":"api-0","address":"127.0.0.1:21001","weight":2},
                   {"name":"api-1","address":"127.0.0.1:21002","weight":0}],
                   "outlierDetection":{"consecutiveGatewayFailure":4,"baseEjectionTime":"7s"},
                   "retry":{"maxRetries":0},"upstreamTimeout":"2s"}]}""");
        return NginxConfRenderer.render(NginxTranslation.of(neutral), Path.of("/tmp/run"), "127.0.0.1", 41000, 41001);
    }

    @Test
    void rendersServersWithZoneMaxFailsAndDown() throws Exception {
        String c = conf();
        assertThat(c).as("zone shared by the workers").contains("zone api 64k;");
        assertThat(c).contains("server 127.0.0.1:21001 weight=2 max_fails=4 fail_timeout=7s;  # api-0");
        assertThat(c).contains("server 127.0.0.1:21002 weight=1 max_fails=4 fail_timeout=7s down;  # api-1");
        assertThat(c).contains("worker_processes 2;").contains("proxy_next_upstream_tries 1;");
        assertThat(c).contains("listen 127.0.0.1:41000;").contains("listen 127.0.0.1:41001;");
    }

    @Test
    void routesInOrderWithEscapedRegexes() throws Exception {
        String c = conf();
        int first = c.indexOf("\"~^[^|]*\\.example\\.com\\|/a\\.b\" api;");
        int second = c.indexOf("\"~^[^|]*\\|/\" api;");
        assertThat(first).as("the first route, escaped").isPositive();
        assertThat(second).as("the catch-all after it").isGreaterThan(first);
    }

    @Test
    void theEffectiveConfigIsReadBackFromTheFile() throws Exception {
        JsonNode e = NginxConfReader.effective(conf());
        JsonNode api = e.path("clusters").get(0);
        assertThat(api.path("name").asText()).isEqualTo("api");
        assertThat(api.path("healthCheck").path("enabled").asBoolean(true)).as("no active checks").isFalse();
        assertThat(api.path("outlierDetection").path("consecutiveGatewayFailure").asInt()).isEqualTo(4);
        assertThat(api.path("outlierDetection").path("baseEjectionTime").asText()).isEqualTo("7000ms");
        assertThat(api.path("nginx").path("zone").asBoolean()).as("zone").isTrue();
        assertThat(api.path("nginx").path("workers").asInt()).isEqualTo(2);
        assertThat(api.path("nginx").path("readTimeoutMs").asLong()).isEqualTo(2000);
        assertThat(api.path("endpoints").get(1).path("weight").asInt()).as("down reads back as weight 0").isZero();
    }
}
