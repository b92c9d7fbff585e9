package dev.gauntlet.gateway.it;

import static dev.gauntlet.gateway.it.InProcessGateway.admin;
import static dev.gauntlet.gateway.it.InProcessGateway.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.gateway.Gateway;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Admin API writes, metrics, token, and HTTP hygiene on the data path. */
class AdminAndHygieneIT {

    private static String config(TestBackend a, String extraTop) {
        return extraTop + """
                clusters:
                  - name: api
                    endpoints:
                      - { name: a, address: "%s" }
                """.formatted(a.address());
    }

    @Test
    void changesHealthSettingsAtRunTimeAndRejectsBadOnes() throws Exception {
        try (TestBackend a = new TestBackend("a"); Gateway gw = InProcessGateway.start(config(a, ""))) {
            HttpResponse<String> ok = admin(gw, "PUT", "/admin/config",
                    "{\"clusters\":[{\"name\":\"api\",\"healthCheck\":{\"interval\":\"250ms\",\"unhealthyThreshold\":5},"
                            + "\"outlierDetection\":{\"consecutive5xx\":7},\"retry\":{\"maxRetries\":2},"
                            + "\"circuitBreakers\":{\"maxRequests\":10}}]}");
            assertThat(ok.statusCode()).as("valid change").isEqualTo(200);
            String now = admin(gw, "GET", "/admin/config", null).body();
            assertThat(now).as("effective config").contains("\"interval\":\"250ms\"").contains("\"unhealthyThreshold\":5")
                    .contains("\"consecutive5xx\":7").contains("\"maxRetries\":2");
            assertThat(gw.clusters().get("api").config().healthCheck().interval()).as("applied to the cluster")
                    .isEqualTo(Duration.ofMillis(250));
            HttpResponse<String> bad = admin(gw, "PUT", "/admin/config",
                    "{\"clusters\":[{\"name\":\"api\",\"healthCheck\":{\"timeout\":\"0ms\"}}]}");
            assertThat(bad.statusCode()).as("invalid change").isEqualTo(400);
            assertThat(bad.body()).as("one error format")
                    .contains("clusters[0].healthCheck.timeout: 0ms (expected: > 0ms)");
            HttpResponse<String> fixed = admin(gw, "PUT", "/admin/config", "{\"listen\":{\"port\":1}}");
            assertThat(fixed.statusCode()).as("the listener is not a run-time setting").isEqualTo(400);
        }
    }

    @Test
    void zeroWeightsAtRunTimeGiveNhuAndPuttingThemBackRecovers() throws Exception {
        try (TestBackend a = new TestBackend("a"); Gateway gw = InProcessGateway.start(config(a, ""))) {
            var endpoint = gw.clusters().get("api").endpoints().get(0);
            String zero = "{\"clusters\":[{\"name\":\"api\",\"endpoints\":[{\"name\":\"a\",\"address\":\"%s\",\"weight\":0}]}]}"
                    .formatted(a.address());
            assertThat(admin(gw, "PUT", "/admin/config", zero).statusCode()).as("zero weights accepted").isEqualTo(200);
            HttpResponse<String> r = get(gw, "/x");
            assertThat(r.statusCode()).as("all weights 0").isEqualTo(503);
            assertThat(r.headers().firstValue("x-gauntlet-flags")).as("flag").contains("UH");
            String back = zero.replace("\"weight\":0", "\"weight\":1");
            assertThat(admin(gw, "PUT", "/admin/config", back).statusCode()).as("restored").isEqualTo(200);
            assertThat(get(gw, "/x").statusCode()).as("served again").isEqualTo(200);
            assertThat(gw.clusters().get("api").endpoints().get(0)).as("same endpoint, state kept").isSameAs(endpoint);
        }
    }

    @Test
    void changesRoutesAtRunTime() throws Exception {
        try (TestBackend a = new TestBackend("a"); Gateway gw = InProcessGateway.start(config(a, ""))) {
            String patch = "{\"routes\":[{\"host\":\"*\",\"pathPrefix\":\"/api\",\"cluster\":\"api\"}]}";
            assertThat(admin(gw, "PUT", "/admin/config", patch).statusCode()).as("route change").isEqualTo(200);
            assertThat(get(gw, "/x").headers().firstValue("x-gauntlet-flags")).as("no route now").contains("NR");
            assertThat(get(gw, "/api/x").statusCode()).as("routed").isEqualTo(200);
        }
    }

    @Test
    void exposesPrometheusMetrics() throws Exception {
        try (TestBackend a = new TestBackend("a"); Gateway gw = InProcessGateway.start(config(a, ""))) {
            get(gw, "/x");
            // The request is counted when its exchange completes, a moment after the client has the answer.
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(3)).until(() ->
                    admin(gw, "GET", "/metrics", null).body().contains("gauntlet_requests_total{"));
            String text = admin(gw, "GET", "/metrics", null).body();
            assertThat(text).as("metrics").contains("gauntlet_requests_total{cluster=\"api\",flag=\"-\",status=\"2xx\"}")
                    .contains("gauntlet_upstream_attempts_total").contains("gauntlet_healthy_endpoints{cluster=\"api\"} 1")
                    .contains("gauntlet_health_checks_total");
        }
    }

    @Test
    void requiresTheBearerTokenWhenOneIsSet() throws Exception {
        try (TestBackend a = new TestBackend("a"); Gateway gw = InProcessGateway.start(config(a, "admin: { token: s3cret }\n"))) {
            assertThat(admin(gw, "GET", "/admin/clusters", null).statusCode()).as("no token").isEqualTo(401);
            HttpResponse<String> r = InProcessGateway.HTTP.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + gw.adminPort() + "/admin/clusters"))
                    .header("Authorization", "Bearer s3cret").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("with token").isEqualTo(200);
        }
    }

    @Test
    void refusesBothContentLengthAndTransferEncoding() throws Exception {
        try (TestBackend a = new TestBackend("a"); Gateway gw = InProcessGateway.start(config(a, ""))) {
            String answer = raw(gw.port(), "POST /x HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
            assertThat(answer).as("smuggling attempt").startsWith("HTTP/1.1 400");
            assertThat(a.requests.get()).as("nothing reached the backend").isZero();
        }
    }

    @Test
    void refusesConflictingContentLengths() throws Exception {
        try (TestBackend a = new TestBackend("a"); Gateway gw = InProcessGateway.start(config(a, ""))) {
            String answer = raw(gw.port(), "POST /x HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!");
            assertThat(answer).as("conflicting lengths").startsWith("HTTP/1.1 400");
        }
    }

    @Test
    void appendsXForwardedForAndStripsHopByHopHeaders() throws Exception {
        try (TestBackend a = new TestBackend("a"); Gateway gw = InProcessGateway.start(config(a, ""))) {
            String answer = raw(gw.port(), "GET /x HTTP/1.1\r\nHost: t\r\nX-Forwarded-For: 10.0.0.1\r\n"
                    + "Connection: close, x-private\r\nx-private: secret\r\nKeep-Alive: timeout=5\r\nx-end-to-end: yes\r\n\r\n");
            assertThat(answer).as("answer").startsWith("HTTP/1.1 200").contains("x-seen-xff: 10.0.0.1, 127.0.0.1");
            assertThat(answer.toLowerCase().split("\r\ndate:", -1)).as("one Date header, the backend's").hasSize(2);
            assertThat(a.lastHeaders.contains("x-private")).as("header nominated by Connection").isFalse();
            assertThat(a.lastHeaders.contains("Keep-Alive")).as("keep-alive").isFalse();
            assertThat(a.lastHeaders.getFirst("x-end-to-end")).as("end-to-end header").isEqualTo("yes");
        }
    }

    @Test
    void forwardsRequestBodies() throws Exception {
        try (TestBackend a = new TestBackend("a"); Gateway gw = InProcessGateway.start(config(a, ""))) {
            String answer = raw(gw.port(), "POST /x HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello");
            assertThat(answer).as("answer").startsWith("HTTP/1.1 200");
            assertThat(a.lastHeaders.getFirst("Content-Length")).as("length forwarded").isEqualTo("5");
        }
    }

    private static String raw(int port, String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[8192];
            int n = in.read(buf);
            return n <= 0 ? "" : new String(buf, 0, n, StandardCharsets.ISO_8859_1);
        }
    }
}
