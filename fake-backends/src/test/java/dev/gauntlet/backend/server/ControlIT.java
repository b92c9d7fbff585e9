package dev.gauntlet.backend.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.backend.config.BehaviourConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ControlIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void getReturnsTheWholeBehaviourWithDefaults() throws Exception {
        try (BackendFixture b = BackendFixture.start("{\"latency\":{\"fixed\":\"5ms\"}}")) {
            JsonNode doc = JSON.readTree(b.control("GET", "/_control/behaviour").body());
            assertThat(doc.at("/latency/fixed").asText()).as("latency.fixed").isEqualTo("5ms");
            assertThat(doc.at("/health/path").asText()).as("default health.path").isEqualTo("/health");
            assertThat(doc.at("/capacity/rejectStatus").asInt()).as("default capacity.rejectStatus").isEqualTo(503);
        }
    }

    @Test
    void putMergesAPartialDocumentAndKeepsTheRest() throws Exception {
        try (BackendFixture b = BackendFixture.start("{\"latency\":{\"fixed\":\"5ms\"},\"health\":{\"status\":204}}")) {
            var r = b.put("{\"latency\":{\"median\":\"5ms\",\"p99\":\"20ms\"},\"errors\":{\"rate\":0.1}}");
            assertThat(r.statusCode()).as("PUT status").isEqualTo(200);
            JsonNode doc = JSON.readTree(b.control("GET", "/_control/behaviour").body());
            assertThat(doc.at("/latency").toString()).as("latency switched to a distribution")
                    .isEqualTo("{\"median\":\"5ms\",\"p99\":\"20ms\"}");
            assertThat(doc.at("/errors/rate").asDouble()).as("errors.rate").isEqualTo(0.1);
            assertThat(doc.at("/errors/status").asInt()).as("errors.status keeps its default").isEqualTo(500);
            assertThat(doc.at("/health/status").asInt()).as("untouched health.status kept").isEqualTo(204);
            b.put("{\"health\":{\"status\":null}}");
            assertThat(JSON.readTree(b.control("GET", "/_control/behaviour").body()).at("/health/status").asInt())
                    .as("null resets health.status to its default").isEqualTo(200);
        }
    }

    @Test
    void invalidPutAnswers400WithTheOneLineErrorAndChangesNothing() throws Exception {
        try (BackendFixture b = BackendFixture.start("{\"latency\":{\"fixed\":\"5ms\"}}")) {
            String before = b.control("GET", "/_control/behaviour").body();
            var r = b.put("{\"errors\":{\"rate\":0.5},\"latency\":{\"median\":\"10ms\",\"p99\":\"5ms\"}}");
            assertThat(r.statusCode()).as("status of an invalid PUT").isEqualTo(400);
            assertThat(r.body().trim()).as("error line")
                    .isEqualTo("/_control/behaviour: latency.p99: 5ms (expected: >= median (10ms))");
            assertThat(b.put("{\"errors\":{\"rat\":0.5}}").body().trim()).as("unknown key")
                    .isEqualTo("/_control/behaviour: errors.rat: 0.5 (expected: one of the keys rate, status, body, everyNth)");
            assertThat(b.put("{not json").statusCode()).as("unparsable PUT").isEqualTo(400);
            assertThat(b.control("GET", "/_control/behaviour").body()).as("behaviour after rejected PUTs").isEqualTo(before);
        }
    }

    @Test
    void controlPortIsOnLoopbackByDefault() throws Exception {
        try (BackendFixture b = BackendFixture.start("{}")) {
            assertThat(b.backend.controlAddress().getAddress().isLoopbackAddress())
                    .as("bound address " + b.backend.controlAddress()).isTrue();
        }
    }

    @Test
    void controlPortBindsTheGivenHost() throws Exception {
        try (FakeBackend b = FakeBackend.start("api-0", "127.0.0.1", 0, "0.0.0.0", 0, BehaviourConfig.DEFAULT,
                Clock.systemUTC())) {
            assertThat(b.controlAddress().getAddress().isAnyLocalAddress()).as("bound address " + b.controlAddress())
                    .isTrue();
            HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + b.controlPort() + "/_control/stats"))
                            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("control API via 127.0.0.1").isEqualTo(200);
            assertThat(JSON.readTree(r.body()).get("id").asText()).as("stats id").isEqualTo("api-0");
        }
    }

    @Test
    void badControlRequestsAreRejected() throws Exception {
        try (BackendFixture b = BackendFixture.start("{}")) {
            assertThat(b.control("POST", "/_control/crash?code=abc").statusCode()).as("crash with a bad code").isEqualTo(400);
            assertThat(b.control("DELETE", "/_control/behaviour").statusCode()).as("wrong method").isEqualTo(405);
            assertThat(b.control("GET", "/_control/nope").statusCode()).as("unknown control path").isEqualTo(404);
        }
    }
}
