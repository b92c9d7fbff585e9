package dev.gauntlet.gateway.it;

import static dev.gauntlet.gateway.it.InProcessGateway.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.gateway.Gateway;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Connect failures, retries and the flags of answers the gateway gives itself. */
class RetryAndFailureIT {

    @Test
    void answersUfWhenTheConnectionFailsAndNoRetryIsLeft() throws Exception {
        int dead1 = InProcessGateway.closedPort();
        int dead2 = InProcessGateway.closedPort();
        try (Gateway gw = InProcessGateway.start("""
                clusters:
                  - name: api
                    endpoints:
                      - { name: d1, address: "127.0.0.1:%d" }
                      - { name: d2, address: "127.0.0.1:%d" }
                    healthCheck: { enabled: false }
                    outlierDetection: { enabled: false }
                """.formatted(dead1, dead2))) {
            HttpResponse<String> r = get(gw, "/x");
            assertThat(r.statusCode()).as("status").isEqualTo(503);
            assertThat(r.headers().firstValue("x-gauntlet-flags")).as("flag").contains("UF");
            long attempts = gw.clusters().get("api").endpoints().stream().mapToLong(e -> e.attempts.get()).sum();
            assertThat(attempts).as("one try + one retry on the other endpoint").isEqualTo(2);
        }
    }

    @Test
    void retriesAConnectFailureOnADifferentEndpoint() throws Exception {
        int dead = InProcessGateway.closedPort();
        try (TestBackend live = new TestBackend("live");
             Gateway gw = InProcessGateway.start("""
                     clusters:
                       - name: api
                         endpoints:
                           - { name: dead, address: "127.0.0.1:%d" }
                           - { name: live, address: "%s" }
                         healthCheck: { enabled: false }
                         outlierDetection: { enabled: false }
                     """.formatted(dead, live.address()))) {
            for (int i = 0; i < 4; i++) {
                HttpResponse<String> r = get(gw, "/x");
                assertThat(r.statusCode()).as("request %d", i).isEqualTo(200);
                assertThat(r.headers().firstValue("x-backend-id")).as("served by").contains("live");
            }
        }
    }

    @Test
    void doesNotRetryNonIdempotentMethods() throws Exception {
        int dead = InProcessGateway.closedPort();
        try (TestBackend live = new TestBackend("live");
             Gateway gw = InProcessGateway.start("""
                     clusters:
                       - name: api
                         endpoints:
                           - { name: dead, address: "127.0.0.1:%d" }
                           - { name: live, address: "%s" }
                         healthCheck: { enabled: false }
                         outlierDetection: { enabled: false }
                     """.formatted(dead, live.address()))) {
            int ufs = 0;
            for (int i = 0; i < 4; i++) {
                HttpResponse<String> r = InProcessGateway.HTTP.send(java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create("http://127.0.0.1:" + gw.port() + "/x"))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("payload")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 503) {
                    ufs++;
                    assertThat(r.headers().firstValue("x-gauntlet-flags")).as("flag").contains("UF");
                }
            }
            assertThat(ufs).as("POSTs that hit the dead endpoint are not retried").isEqualTo(2);
        }
    }
}
