package dev.gauntlet.backend.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WarmupIT {
    @Test
    void firstNRequestsFailDuringCountBasedWarmup() throws Exception {
        try (BackendFixture b = BackendFixture.start("{\"warmup\":{\"requests\":3,\"status\":503}}")) {
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                statuses.add(b.get("/x").statusCode());
            }
            assertThat(statuses).as("statuses during and after a 3-request warm-up").containsExactly(503, 503, 503, 200, 200);
        }
    }

    @Test
    void requestsAreSlowDuringTimeBasedWarmupThenFast() throws Exception {
        try (BackendFixture b = BackendFixture.start("{\"warmup\":{\"duration\":\"1s\",\"latency\":\"200ms\"}}")) {
            long start = System.nanoTime();
            assertThat(b.get("/x").statusCode()).as("a slow warm-up request still succeeds").isEqualTo(200);
            assertThat((System.nanoTime() - start) / 1_000_000).as("warm-up request latency (ms)").isGreaterThanOrEqualTo(199);
            await().atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(50)).until(() -> {
                long t = System.nanoTime();
                b.get("/x");
                return System.nanoTime() - t < 100_000_000L;
            });
        }
    }

    @Test
    void warmupSetAtRunTimeStartsAgainAndCanIncludeHealth() throws Exception {
        try (BackendFixture b = BackendFixture.start("{}")) {
            b.get("/x");
            b.put("{\"warmup\":{\"requests\":2,\"status\":503,\"includeHealth\":true}}");
            assertThat(b.get("/health").statusCode()).as("health during warm-up with includeHealth").isEqualTo(503);
            assertThat(b.get("/x").statusCode()).as("first request of a cold start").isEqualTo(503);
            assertThat(b.get("/x").statusCode()).as("second request of a cold start").isEqualTo(503);
            assertThat(b.get("/x").statusCode()).as("warm").isEqualTo(200);
            assertThat(b.get("/health").statusCode()).as("health when warm").isEqualTo(200);
        }
    }
}
