package dev.gauntlet.backend.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HealthIT {
    @Test
    void healthIsIndependentOfTheDataPath() throws Exception {
        try (BackendFixture b = BackendFixture.start(
                "{\"errors\":{\"rate\":1.0,\"status\":500},\"health\":{\"status\":200}}")) {
            assertThat(b.get("/x").statusCode()).as("data path with errors").isEqualTo(500);
            assertThat(b.get("/health").statusCode()).as("health while data fails").isEqualTo(200);
            b.put("{\"errors\":{\"rate\":0},\"health\":{\"status\":503}}");
            assertThat(b.get("/x").statusCode()).as("data path while health fails").isEqualTo(200);
            assertThat(b.get("/health").statusCode()).as("broken health").isEqualTo(503);
        }
    }

    @Test
    void healthPathAndLatencyAreConfigurable() throws Exception {
        try (BackendFixture b = BackendFixture.start("{\"health\":{\"path\":\"/ready\",\"latency\":\"150ms\"}}")) {
            long start = System.nanoTime();
            var r = b.get("/ready");
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertThat(r.body()).as("moved health path answers the health body").isEqualTo("ok");
            assertThat(ms).as("health latency (ms)").isGreaterThanOrEqualTo(149);
            assertThat(b.get("/health").body()).as("old health path is now a data path").isEmpty();
        }
    }

    @Test
    void flappingHealthAlternatesGoodAndBad() throws Exception {
        try (BackendFixture b = BackendFixture.start("{\"health\":{\"flapPeriod\":\"300ms\",\"flapStatus\":503}}")) {
            await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(20))
                    .until(() -> b.get("/health").statusCode() == 503);
            await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(20))
                    .until(() -> b.get("/health").statusCode() == 200);
            await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(20))
                    .until(() -> b.get("/health").statusCode() == 503);
        }
    }

    @Test
    void healthRequiringAHeaderAnswers401WithoutIt() throws Exception {
        try (BackendFixture b = BackendFixture.start(
                "{\"health\":{\"requireHeader\":\"authorization\",\"requireValue\":\"Bearer s3cret\"}}")) {
            assertThat(b.get("/health").statusCode()).as("no header").isEqualTo(401);
            assertThat(b.get("/health", "authorization", "Bearer wrong").statusCode()).as("wrong token").isEqualTo(401);
            assertThat(b.get("/health", "authorization", "Bearer s3cret").statusCode()).as("right token").isEqualTo(200);
            assertThat(b.get("/x").statusCode()).as("data path needs no token").isEqualTo(200);
        }
    }
}
