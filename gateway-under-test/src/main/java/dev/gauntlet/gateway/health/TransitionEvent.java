package dev.gauntlet.gateway.health;

import java.util.List;

/**
 * One state change of one endpoint, stamped where it happened ({@code tMicros}: epoch microseconds of
 * the injected clock). Serialised as the {@code data:} line of an SSE {@code transition} event. The
 * {@link #mechanism()} follows from the reason; {@code detail} says what that mechanism saw (the failure kind of
 * the check that tripped, {@code refused}, {@code timeout}, {@code status 503}, ..., or the outlier counter that
 * reached its limit, {@code consecutive_gateway_failure=5}); null when there is nothing more to say.
 *
 * <pre>{@code new TransitionEvent(t, "api", "api-0", "127.0.0.1:21001", HEALTHY_TO_UNHEALTHY,
 *         List.of("failed_active_hc"), TransitionReason.ACTIVE_HC_FAILED, "refused")}</pre>
 */
public record TransitionEvent(long tMicros, String cluster, String endpoint, String address,
                              HealthTransition transition, List<String> flags, TransitionReason reason, String detail) {
    public TransitionEvent {
        flags = List.copyOf(flags);
    }

    /** Without a detail. */
    public TransitionEvent(long tMicros, String cluster, String endpoint, String address, HealthTransition transition,
                           List<String> flags, TransitionReason reason) {
        this(tMicros, cluster, endpoint, address, transition, flags, reason, null);
    }

    public Mechanism mechanism() {
        return reason.mechanism();
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
