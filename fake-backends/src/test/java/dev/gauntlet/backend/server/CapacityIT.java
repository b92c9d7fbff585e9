package dev.gauntlet.backend.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class CapacityIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void overloadQueuesUpToTheQueueSizeWithRealDelayThenRejects() throws Exception {
        try (BackendFixture b = BackendFixture.start(
                "{\"capacity\":{\"maxConcurrency\":2,\"queueSize\":3,\"serviceTime\":\"300ms\",\"rejectStatus\":503}}")) {
            CompletableFuture<List<BackendFixture.Outcome>> burst =
                    CompletableFuture.supplyAsync(() -> loadQuietly(b, 10, 10));
            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(10)).until(() -> {
                JsonNode s = stats(b);
                return s.get("queued").asInt() == 3 && s.get("in_flight").asInt() == 2;
            });
            List<BackendFixture.Outcome> out = burst.get();
            long ok = out.stream().filter(o -> o.status() == 200).count();
            long rejected = out.stream().filter(o -> o.status() == 503).count();
            long slowest = out.stream().filter(o -> o.status() == 200).mapToLong(BackendFixture.Outcome::nanos).max()
                    .orElseThrow() / 1_000_000;
            assertThat(ok).as("served: 2 slots + 3 queued").isEqualTo(5);
            assertThat(rejected).as("rejected beyond the queue").isEqualTo(5);
            assertThat(slowest).as("last queued request waited for two service times before its own (ms)")
                    .isGreaterThanOrEqualTo(850);
            assertThat(stats(b).get("rejected").asInt()).as("rejected in stats").isEqualTo(5);
        }
    }

    @Test
    void aTrafficSpikeAboveCapacityCausesRejectionsThatNormalTrafficDoesNot() throws Exception {
        try (BackendFixture b = BackendFixture.start(
                "{\"capacity\":{\"maxConcurrency\":4,\"queueSize\":4,\"serviceTime\":\"20ms\"}}")) {
            List<BackendFixture.Outcome> normal = b.load("/x", 100, 4);
            assertThat(normal).as("4 concurrent clients on 4 slots").allMatch(o -> o.status() == 200);
            List<BackendFixture.Outcome> spike = b.load("/x", 400, 60);
            long rejected = spike.stream().filter(o -> o.status() == 503).count();
            System.out.printf("spike of 60 concurrent on 4 slots + 4 queue: %d of 400 rejected%n", rejected);
            assertThat(rejected).as("rejections in a spike of 60 concurrent clients").isGreaterThan(100);
        }
    }

    private static List<BackendFixture.Outcome> loadQuietly(BackendFixture b, int count, int concurrency) {
        try {
            return b.load("/x", count, concurrency);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode stats(BackendFixture b) throws Exception {
        return JSON.readTree(b.control("GET", "/_control/stats").body());
    }
}
