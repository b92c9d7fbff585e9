package dev.gauntlet.backend.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Connection-level misbehaviour on the data path, applied to a seeded random {@code rate} of requests.
 *
 * <pre>{@code
 * {"connection": {"fault": "close_mid_response"}}
 * {"connection": {"fault": "stop_reading", "rate": 0.1}}
 * }</pre>
 *
 * @param fault what to do (see {@link ConnectionFault})
 * @param rate  share of data requests it applies to, 0.0-1.0
 */
public record ConnectionConfig(ConnectionFault fault, double rate) {
    public static final ConnectionFault DEFAULT_FAULT = ConnectionFault.NONE;
    public static final double DEFAULT_RATE = 1.0;
    public static final ConnectionConfig NORMAL = new ConnectionConfig(DEFAULT_FAULT, DEFAULT_RATE);
    static final List<String> FIELDS = List.of("fault", "rate");

    public ConnectionConfig {
        if (fault == null) {
            throw BehaviourInvalidException.of("fault", "null", "one of " + String.join(", ", ConnectionFault.ids()));
        }
        Checks.fraction("rate", rate);
    }

    public boolean enabled() {
        return fault != ConnectionFault.NONE && rate > 0;
    }

    static ConnectionConfig read(Section s) {
        String id = s.choice("fault", DEFAULT_FAULT.id(), ConnectionFault.ids());
        return new ConnectionConfig(ConnectionFault.fromId(id), s.number("rate", DEFAULT_RATE));
    }

    void write(ObjectNode out) {
        out.put("fault", fault.id()).put("rate", rate);
    }
}
