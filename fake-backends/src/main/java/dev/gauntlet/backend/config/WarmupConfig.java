package dev.gauntlet.backend.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;

/**
 * Cold start: for the first {@code duration} and/or the first {@code requests} data requests
 * (counted from start, or from when this section is set at run time) requests are slower by
 * {@code latency} and, when {@code status} is not 0, fail with it. Models JIT warm-up, cold caches,
 * model loading in AI backends. Warm-up lasts until both limits have passed.
 *
 * <pre>{@code
 * {"warmup": {"duration": "10s", "latency": "500ms"}}
 * {"warmup": {"requests": 50, "status": 503, "includeHealth": true}}
 * }</pre>
 *
 * @param duration      how long warm-up lasts (0 = not time-based)
 * @param requests      how many data requests warm-up lasts (0 = not count-based)
 * @param latency       extra delay of each request during warm-up
 * @param status        0 to only slow down, else the status every warm-up request answers
 * @param includeHealth whether the health endpoint also answers {@code status} (when set) during warm-up
 */
public record WarmupConfig(Duration duration, long requests, Duration latency, int status, boolean includeHealth) {
    public static final Duration DEFAULT_DURATION = Duration.ZERO;
    public static final long DEFAULT_REQUESTS = 0;
    public static final Duration DEFAULT_LATENCY = Duration.ZERO;
    public static final int DEFAULT_STATUS = 0;
    public static final boolean DEFAULT_INCLUDE_HEALTH = false;
    public static final WarmupConfig NONE = new WarmupConfig(DEFAULT_DURATION, DEFAULT_REQUESTS, DEFAULT_LATENCY,
            DEFAULT_STATUS, DEFAULT_INCLUDE_HEALTH);
    static final List<String> FIELDS = List.of("duration", "requests", "latency", "status", "includeHealth");

    public WarmupConfig {
        Checks.notNegative("duration", duration);
        Checks.range("requests", requests, 0, Long.MAX_VALUE);
        Checks.notNegative("latency", latency);
        if (status != 0) {
            Checks.status("status", status);
        }
    }

    public boolean enabled() {
        return !duration.isZero() || requests > 0;
    }

    static WarmupConfig read(Section s) {
        return new WarmupConfig(s.duration("duration", DEFAULT_DURATION), s.longValue("requests", DEFAULT_REQUESTS),
                s.duration("latency", DEFAULT_LATENCY), s.integer("status", DEFAULT_STATUS),
                s.bool("includeHealth", DEFAULT_INCLUDE_HEALTH));
    }

    void write(ObjectNode out) {
        out.put("duration", Durations.format(duration)).put("requests", requests)
                .put("latency", Durations.format(latency)).put("status", status).put("includeHealth", includeHealth);
    }
}
