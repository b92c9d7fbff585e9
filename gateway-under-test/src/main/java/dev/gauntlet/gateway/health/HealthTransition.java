package dev.gauntlet.gateway.health;

import static dev.gauntlet.gateway.health.EndpointState.ABSENT;
import static dev.gauntlet.gateway.health.EndpointState.EJECTED;
import static dev.gauntlet.gateway.health.EndpointState.HEALTHY;
import static dev.gauntlet.gateway.health.EndpointState.UNHEALTHY;

import java.util.EnumMap;
import java.util.Map;

/**
 * The allowed moves of the endpoint state machine, as data. Any other move is a bug and throws.
 *
 * <pre>
 *             active fails (threshold)            ejected (passive)
 *   HEALTHY ──────────────────────────► UNHEALTHY    HEALTHY ───────► EJECTED
 *      ▲  ◄──────────────────────────────   │           ▲  ◄─────────── │ expired / active check passes
 *      │        active passes (threshold)   │           │               │ active fails ─► UNHEALTHY
 *   ABSENT ◄─── dns removed (from any) ─────┘
 * </pre>
 *
 * <pre>{@code HealthTransition.between(HEALTHY, UNHEALTHY)   // ok; between(UNHEALTHY, EJECTED) throws}</pre>
 */
public enum HealthTransition {
    HEALTHY_TO_UNHEALTHY(HEALTHY, UNHEALTHY),
    UNHEALTHY_TO_HEALTHY(UNHEALTHY, HEALTHY),
    HEALTHY_TO_EJECTED(HEALTHY, EJECTED),
    EJECTED_TO_HEALTHY(EJECTED, HEALTHY),
    EJECTED_TO_UNHEALTHY(EJECTED, UNHEALTHY),
    ABSENT_TO_HEALTHY(ABSENT, HEALTHY),
    HEALTHY_TO_ABSENT(HEALTHY, ABSENT),
    UNHEALTHY_TO_ABSENT(UNHEALTHY, ABSENT),
    EJECTED_TO_ABSENT(EJECTED, ABSENT);

    private static final Map<EndpointState, Map<EndpointState, HealthTransition>> TABLE = new EnumMap<>(EndpointState.class);

    static {
        for (HealthTransition t : values()) {
            TABLE.computeIfAbsent(t.from, k -> new EnumMap<>(EndpointState.class)).put(t.to, t);
        }
    }

    private final EndpointState from;
    private final EndpointState to;

    HealthTransition(EndpointState from, EndpointState to) {
        this.from = from;
        this.to = to;
    }

    public EndpointState from() {
        return from;
    }

    public EndpointState to() {
        return to;
    }

    /** The transition from {@code from} to {@code to}; throws if the table does not allow it. */
    public static HealthTransition between(EndpointState from, EndpointState to) {
        HealthTransition t = TABLE.getOrDefault(from, Map.of()).get(to);
        if (t == null) {
            throw new IllegalStateException("endpoint state transition not allowed: " + from + " -> " + to);
        }
        return t;
    }
}
