package dev.gauntlet.backend.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;

/**
 * The health endpoint, independent of the data path (so a scenario can break only the health check
 * while real traffic is fine, or the other way round).
 *
 * <pre>{@code
 * {"health": {"path": "/health", "status": 200, "latency": "0ms"}}
 * {"health": {"flapPeriod": "5s", "flapStatus": 503}}            // 5s good, 5s bad, ...
 * {"health": {"requireHeader": "authorization", "requireValue": "Bearer s3cret"}}   // 401 without
 * }</pre>
 *
 * @param path          the health path; any other path is data
 * @param status        the status it answers (when not flapping into its bad half)
 * @param latency       delay before answering
 * @param body          the body it answers
 * @param flapPeriod    when > 0: alternate {@code status} and {@code flapStatus}, each for this long,
 *                      starting good when the health section is set
 * @param flapStatus    the status of the bad half of a flap
 * @param requireHeader when set, requests without this header (or with another value) get 401
 * @param requireValue  the value {@code requireHeader} must have; null accepts any value
 */
public record HealthConfig(String path, int status, Duration latency, String body, Duration flapPeriod,
                           int flapStatus, String requireHeader, String requireValue) {
    public static final String DEFAULT_PATH = "/health";
    public static final int DEFAULT_STATUS = 200;
    public static final Duration DEFAULT_LATENCY = Duration.ZERO;
    public static final String DEFAULT_BODY = "ok";
    public static final Duration DEFAULT_FLAP_PERIOD = Duration.ZERO;
    public static final int DEFAULT_FLAP_STATUS = 503;
    public static final HealthConfig DEFAULT = new HealthConfig(DEFAULT_PATH, DEFAULT_STATUS, DEFAULT_LATENCY,
            DEFAULT_BODY, DEFAULT_FLAP_PERIOD, DEFAULT_FLAP_STATUS, null, null);
    static final List<String> FIELDS = List.of("path", "status", "latency", "body", "flapPeriod", "flapStatus",
            "requireHeader", "requireValue");

    public HealthConfig {
        if (path == null || !path.startsWith("/") || path.startsWith("/_control")) {
            throw BehaviourInvalidException.of("path", path, "a path starting with / (not /_control)");
        }
        Checks.status("status", status);
        Checks.notNegative("latency", latency);
        if (body == null) {
            throw BehaviourInvalidException.of("body", "null", "a string");
        }
        Checks.notNegative("flapPeriod", flapPeriod);
        Checks.status("flapStatus", flapStatus);
        if (requireHeader != null && requireHeader.isBlank()) {
            throw BehaviourInvalidException.of("requireHeader", "\"\"", "a header name");
        }
        if (requireValue != null && requireHeader == null) {
            throw BehaviourInvalidException.of("requireValue", requireValue, "given only with requireHeader");
        }
    }

    public boolean flapping() {
        return !flapPeriod.isZero();
    }

    static HealthConfig read(Section s) {
        return new HealthConfig(s.text("path", DEFAULT_PATH), s.integer("status", DEFAULT_STATUS),
                s.duration("latency", DEFAULT_LATENCY), s.text("body", DEFAULT_BODY),
                s.duration("flapPeriod", DEFAULT_FLAP_PERIOD), s.integer("flapStatus", DEFAULT_FLAP_STATUS),
                s.text("requireHeader", null), s.text("requireValue", null));
    }

    void write(ObjectNode out) {
        out.put("path", path).put("status", status).put("latency", Durations.format(latency)).put("body", body)
                .put("flapPeriod", Durations.format(flapPeriod)).put("flapStatus", flapStatus);
        if (requireHeader != null) {
            out.put("requireHeader", requireHeader);
        }
        if (requireValue != null) {
            out.put("requireValue", requireValue);
        }
    }
}
