package dev.gauntlet.backend.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Injected data-path errors: a random share of requests ({@code rate}, seeded) and/or every Nth
 * request answer {@code status} with {@code body} instead of the normal response.
 *
 * <pre>{@code
 * {"errors": {"rate": 0.2, "status": 503, "body": "overloaded"}}
 * {"errors": {"everyNth": 10, "status": 500}}
 * }</pre>
 *
 * @param rate     share of requests that fail, 0.0-1.0
 * @param status   the status of an injected error
 * @param body     the body of an injected error ("" for none)
 * @param everyNth when > 0, requests number N, 2N, 3N ... (counted from when this was set) fail too
 */
public record ErrorsConfig(double rate, int status, String body, int everyNth) {
    public static final double DEFAULT_RATE = 0.0;
    public static final int DEFAULT_STATUS = 500;
    public static final String DEFAULT_BODY = "";
    public static final int DEFAULT_EVERY_NTH = 0;
    public static final ErrorsConfig NONE = new ErrorsConfig(DEFAULT_RATE, DEFAULT_STATUS, DEFAULT_BODY, DEFAULT_EVERY_NTH);
    static final List<String> FIELDS = List.of("rate", "status", "body", "everyNth");

    public ErrorsConfig {
        Checks.fraction("rate", rate);
        Checks.status("status", status);
        if (body == null) {
            throw BehaviourInvalidException.of("body", "null", "a string");
        }
        Checks.range("everyNth", everyNth, 0, Integer.MAX_VALUE);
    }

    public boolean enabled() {
        return rate > 0 || everyNth > 0;
    }

    static ErrorsConfig read(Section s) {
        return new ErrorsConfig(s.number("rate", DEFAULT_RATE), s.integer("status", DEFAULT_STATUS),
                s.text("body", DEFAULT_BODY), s.integer("everyNth", DEFAULT_EVERY_NTH));
    }

    void write(ObjectNode out) {
        out.put("rate", rate).put("status", status).put("body", body).put("everyNth", everyNth);
    }
}
