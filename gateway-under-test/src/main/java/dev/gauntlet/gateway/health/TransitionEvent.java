package dev.gauntlet.gateway.health;

import java.util.List;

/**
 * One state change of one endpoint, stamped where it happened ({@code tMicros}: epoch microseconds of
 * the injected clock). Serialised as the {@code data:} line of an SSE {@code transition} event.
 *
 * <pre>{@code new TransitionEvent(t, "api", "api-0", "127.0.0.1:21001", HEALTHY_TO_UNHEALTHY,
 *         List.of("failed_active_hc"), TransitionReason.ACTIVE_HC_FAILED)}</pre>
 */
public record TransitionEvent(long tMicros, String cluster, String endpoint, String address,
                              HealthTransition transition, List<String> flags, TransitionReason reason) {
    public TransitionEvent {
        flags = List.copyOf(flags);
    }

    public EndpointState from() {
        return transition.from();
    }

    public EndpointState to() {
        return transition.to();
    }

    public boolean usable() {
        return transition.to().usable();
    }
}
