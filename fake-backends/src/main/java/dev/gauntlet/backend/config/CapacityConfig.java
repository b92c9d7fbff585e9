package dev.gauntlet.backend.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;

/**
 * A finite server: at most {@code maxConcurrency} data requests are served at once, each holding its
 * slot for {@code serviceTime} plus the sampled latency; up to {@code queueSize} more wait in FIFO
 * order (real queueing delay); beyond that requests are rejected at once with {@code rejectStatus}.
 * So a traffic spike above {@code maxConcurrency / serviceTime} pushes it over for real.
 *
 * <pre>{@code
 * {"capacity": {"maxConcurrency": 4, "queueSize": 16, "serviceTime": "20ms", "rejectStatus": 503}}
 * }</pre>
 *
 * @param maxConcurrency requests served at once (0 = unlimited)
 * @param queueSize      requests that may wait for a slot
 * @param serviceTime    time a request holds its slot, on top of the latency section
 * @param rejectStatus   status of a request that finds the queue full
 */
public record CapacityConfig(int maxConcurrency, int queueSize, Duration serviceTime, int rejectStatus) {
    public static final int DEFAULT_MAX_CONCURRENCY = 0;
    public static final int DEFAULT_QUEUE_SIZE = 0;
    public static final Duration DEFAULT_SERVICE_TIME = Duration.ZERO;
    public static final int DEFAULT_REJECT_STATUS = 503;
    public static final CapacityConfig UNLIMITED = new CapacityConfig(DEFAULT_MAX_CONCURRENCY, DEFAULT_QUEUE_SIZE,
            DEFAULT_SERVICE_TIME, DEFAULT_REJECT_STATUS);
    static final List<String> FIELDS = List.of("maxConcurrency", "queueSize", "serviceTime", "rejectStatus");

    public CapacityConfig {
        Checks.range("maxConcurrency", maxConcurrency, 0, 100_000);
        Checks.range("queueSize", queueSize, 0, 1_000_000);
        Checks.notNegative("serviceTime", serviceTime);
        Checks.status("rejectStatus", rejectStatus);
    }

    public boolean limited() {
        return maxConcurrency > 0;
    }

    static CapacityConfig read(Section s) {
        return new CapacityConfig(s.integer("maxConcurrency", DEFAULT_MAX_CONCURRENCY),
                s.integer("queueSize", DEFAULT_QUEUE_SIZE), s.duration("serviceTime", DEFAULT_SERVICE_TIME),
                s.integer("rejectStatus", DEFAULT_REJECT_STATUS));
    }

    void write(ObjectNode out) {
        out.put("maxConcurrency", maxConcurrency).put("queueSize", queueSize)
                .put("serviceTime", Durations.format(serviceTime)).put("rejectStatus", rejectStatus);
    }
}
