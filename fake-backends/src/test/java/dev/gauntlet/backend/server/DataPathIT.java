package dev.gauntlet.backend.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class DataPathIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void answersAnyPathWith200AndItsBackendId() throws Exception {
        try (BackendFixture b = BackendFixture.start("{}")) {
            for (String path : new String[] {"/", "/api/items", "/deep/a/b?x=1"}) {
                HttpResponse<String> r = b.get(path);
                assertThat(r.statusCode()).as("status of %s", path).isEqualTo(200);
                assertThat(r.headers().firstValue("x-backend-id")).as("x-backend-id of %s", path).hasValue("api-0");
            }
        }
    }

    @Test
    void healthAnswers200OkByDefault() throws Exception {
        try (BackendFixture b = BackendFixture.start("{}")) {
            HttpResponse<String> r = b.get("/health");
            assertThat(r.statusCode()).as("health status").isEqualTo(200);
            assertThat(r.body()).as("health body").isEqualTo("ok");
            assertThat(r.headers().firstValue("x-backend-id")).as("health carries the backend id").hasValue("api-0");
        }
    }

    @Test
    void bodySizeAndStatusAreConfigurable() throws Exception {
        try (BackendFixture b = BackendFixture.start("{\"bodySize\":4096,\"status\":202}")) {
            HttpResponse<String> r = b.get("/x");
            assertThat(r.statusCode()).as("configured status").isEqualTo(202);
            assertThat(r.body()).as("configured body size").hasSize(4096);
            b.put("{\"bodySize\":10}");
            assertThat(b.get("/x").body()).as("body size after a change").hasSize(10);
        }
    }

    @Test
    void statsCountServedRequestsAndHealthChecks() throws Exception {
        try (BackendFixture b = BackendFixture.start("{}")) {
            b.load("/x", 25, 5);
            b.get("/health");
            var stats = JSON.readTree(b.control("GET", "/_control/stats").body());
            assertThat(stats.get("requests_served").asLong()).as("requests_served").isEqualTo(25);
            assertThat(stats.get("health_checks").asLong()).as("health_checks").isEqualTo(1);
            assertThat(stats.get("in_flight").asLong()).as("in_flight when idle").isZero();
            assertThat(stats.get("queued").asLong()).as("queued when idle").isZero();
            assertThat(stats.get("rejected").asLong()).as("rejected when unlimited").isZero();
        }
    }

    @Test
    void bytesPathAnswersTheAskedSizeOutsideTheBehaviour() throws Exception {
        try (BackendFixture b = BackendFixture.start("{\"errors\":{\"rate\":1.0,\"status\":503},\"latency\":\"300ms\"}")) {
            long start = System.nanoTime();
            HttpResponse<String> r = b.get(DataHandler.BYTES_PATH + "?n=70000");
            double ms = (System.nanoTime() - start) / 1e6;
            assertThat(r.statusCode()).as("neither the injected errors nor the latency apply").isEqualTo(200);
            assertThat(r.body()).as("the asked size").hasSize(70_000);
            assertThat(ms).as("no data latency (ms)").isLessThan(300);
            assertThat(b.get(DataHandler.BYTES_PATH + "?n=-1").statusCode()).as("a negative size").isEqualTo(400);
            var stats = JSON.readTree(b.control("GET", "/_control/stats").body());
            assertThat(stats.get("requests_received").asLong()).as("probe requests are not data requests").isZero();
        }
    }
}
