package dev.gauntlet.backend.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyIT {
    private static final double MS = 1e6;

    @Test
    void fixedLatencyDelaysEveryResponseAtLeastThatLong() throws Exception {
        try (BackendFixture b = BackendFixture.start("{\"latency\":{\"fixed\":\"30ms\"}}")) {
            List<BackendFixture.Outcome> out = b.load("/x", 50, 10);
            assertThat(BackendFixture.percentileNanos(out, 0.01) / MS).as("fastest of 50 with 30ms fixed latency (ms)")
                    .isGreaterThanOrEqualTo(29.0);
            assertThat(BackendFixture.percentileNanos(out, 0.5) / MS).as("median with 30ms fixed latency (ms)")
                    .isLessThan(45.0);
        }
    }

    @Test
    void logNormalLatencyHitsConfiguredMedianAndP99Within20PercentOver2000Requests() throws Exception {
        // Delays large against client overhead, and concurrency well under what one JVM serving and
        // measuring itself can sustain, so the client measures the backend rather than its own queue.
        try (BackendFixture b = BackendFixture.start(
                "{\"seed\":7,\"latency\":{\"median\":\"50ms\",\"p99\":\"200ms\"}}")) {
            List<BackendFixture.Outcome> out = b.load("/x", 2000, 16);
            double p50 = BackendFixture.percentileNanos(out, 0.50) / MS;
            double p99 = BackendFixture.percentileNanos(out, 0.99) / MS;
            System.out.printf("log-normal 50ms/200ms over %d requests: measured p50=%.1fms p99=%.1fms%n",
                    out.size(), p50, p99);
            assertThat(out).as("all answered").allMatch(o -> o.status() == 200);
            assertThat(p50).as("measured median (ms) vs configured 50ms").isBetween(40.0, 60.0);
            assertThat(p99).as("measured p99 (ms) vs configured 200ms").isBetween(160.0, 240.0);
        }
    }

    @Test
    void delaysHoldNoThreadSo200ConcurrentRequestsOf100msOverlap() throws Exception {
        try (BackendFixture b = BackendFixture.start("{\"latency\":{\"fixed\":\"100ms\"}}")) {
            b.load("/x", 200, 200);   // opens the client's connections
            long start = System.nanoTime();
            List<BackendFixture.Outcome> out = b.load("/x", 1000, 200);
            double seconds = (System.nanoTime() - start) / 1e9;
            double rate = out.size() / seconds;
            System.out.printf("100ms fixed latency, 200 concurrent: %.0f req/s%n", rate);
            assertThat(out).as("all answered").allMatch(o -> o.status() == 200);
            // A thread held per delay (2 IO + 8 worker threads) would cap this at 100 req/s.
            assertThat(rate).as("requests per second with 100ms latency and 200 in flight").isGreaterThan(500);
        }
    }

    @Test
    void fiveMsBackendServesHundredsOfRequestsPerSecond() throws Exception {
        try (BackendFixture b = BackendFixture.start("{\"latency\":{\"fixed\":\"5ms\"}}")) {
            long start = System.nanoTime();
            List<BackendFixture.Outcome> out = b.load("/x", 2000, 32);
            double rate = out.size() / ((System.nanoTime() - start) / 1e9);
            System.out.printf("5ms fixed latency, 32 concurrent: %.0f req/s%n", rate);
            assertThat(rate).as("requests per second with 5ms latency").isGreaterThan(300);
        }
    }
}
