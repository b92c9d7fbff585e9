package dev.gauntlet.gateway.health;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The health state machine of one endpoint. Active checks and passive outlier detection are separate
 * feeders ({@link ActiveHealthChecker}, the outlier detector) that call into this one object; it holds
 * the state, applies thresholds, and emits exactly one {@link TransitionEvent} per state change, stamped
 * with the injected clock.
 *
 * <pre>{@code
 * EndpointHealth h = new EndpointHealth("api", "api-0", "127.0.0.1:21001", clock, events::add);
 * h.onActiveCheck(CheckOutcome.FAIL, 3, 2);   // 1 of 3
 * h.state();                                  // HEALTHY
 * }</pre>
 */
public final class EndpointHealth {
    private final String cluster;
    private final String name;
    private final String address;
    private final Clock clock;
    private final TransitionListener listener;

    private volatile EndpointState state;
    private int consecutiveFailures;
    private int consecutivePasses;
    private volatile long checks;
    private volatile long checkFailures;
    private volatile long lastChangeMicros;
    private volatile int ejections;
    private volatile Instant healthySince;

    public EndpointHealth(String cluster, String name, String address, Clock clock, TransitionListener listener) {
        this(cluster, name, address, clock, listener, EndpointState.HEALTHY);
    }

    /** With {@code initial} = ABSENT the endpoint is announced by {@link #onAdded}. */
    public EndpointHealth(String cluster, String name, String address, Clock clock, TransitionListener listener,
                          EndpointState initial) {
        this.cluster = cluster;
        this.name = name;
        this.address = address;
        this.clock = clock;
        this.listener = listener;
        this.state = initial;
        // Contract: endpoints start healthy and last_change_us is 0 until the first transition.
        this.lastChangeMicros = 0;
        this.healthySince = null;
    }

    /** Feeds one active-check result; returns the transition it caused, if any. */
    public Optional<TransitionEvent> onActiveCheck(CheckOutcome outcome, int unhealthyThreshold, int healthyThreshold) {
        return onActiveCheck(outcome, null, unhealthyThreshold, healthyThreshold);
    }

    /**
     * As {@link #onActiveCheck(CheckOutcome, int, int)}, with what the check saw ({@code refused}, {@code timeout},
     * {@code status 503}, ...): a transition it trips carries it as its detail.
     */
    public synchronized Optional<TransitionEvent> onActiveCheck(CheckOutcome outcome, String detail,
                                                                 int unhealthyThreshold, int healthyThreshold) {
        if (state == EndpointState.ABSENT) {
            return Optional.empty();
        }
        checks++;
        if (!outcome.passed()) {
            checkFailures++;
            consecutivePasses = 0;
            consecutiveFailures++;
            boolean trip = outcome == CheckOutcome.IMMEDIATE_FAIL || consecutiveFailures >= unhealthyThreshold;
            if (trip && state != EndpointState.UNHEALTHY) {
                TransitionReason why = outcome == CheckOutcome.IMMEDIATE_FAIL
                        ? TransitionReason.ACTIVE_HC_IMMEDIATE_FAIL : TransitionReason.ACTIVE_HC_FAILED;
                return Optional.of(move(EndpointState.UNHEALTHY, why, detail));
            }
            return Optional.empty();
        }
        consecutiveFailures = 0;
        consecutivePasses++;
        if (state == EndpointState.UNHEALTHY && consecutivePasses >= healthyThreshold) {
            return Optional.of(move(EndpointState.HEALTHY, TransitionReason.ACTIVE_HC_PASSED));
        }
        if (state == EndpointState.EJECTED) {
            // Envoy's successful_active_health_check_uneject_host: a passing check ends the ejection.
            return Optional.of(move(EndpointState.HEALTHY, TransitionReason.ACTIVE_HC_PASSED));
        }
        return Optional.empty();
    }

    /**
     * Active checking was switched off at run time: an endpoint it had marked unhealthy has nothing left
     * to bring it back, so it is healthy again (Envoy treats hosts without checks as healthy).
     */
    public synchronized Optional<TransitionEvent> onChecksDisabled() {
        consecutiveFailures = 0;
        consecutivePasses = 0;
        if (state != EndpointState.UNHEALTHY) {
            return Optional.empty();
        }
        return Optional.of(move(EndpointState.HEALTHY, TransitionReason.ACTIVE_HC_DISABLED));
    }

    /** Passive ejection (the outlier detector decides when, and for how long). */
    public Optional<TransitionEvent> onEjected() {
        return onEjected(null);
    }

    /** Passive ejection, with the counter that reached its limit ({@code consecutive_5xx=5}) as the detail. */
    public synchronized Optional<TransitionEvent> onEjected(String detail) {
        if (state != EndpointState.HEALTHY) {
            return Optional.empty();
        }
        ejections++;
        return Optional.of(move(EndpointState.EJECTED, TransitionReason.OUTLIER_EJECTED, detail));
    }

    /** The ejection time ran out. */
    public synchronized Optional<TransitionEvent> onEjectionExpired() {
        if (state != EndpointState.EJECTED) {
            return Optional.empty();
        }
        return Optional.of(move(EndpointState.HEALTHY, TransitionReason.EJECTION_EXPIRED));
    }

    /** The endpoint appeared (DNS answer or config change: {@code why}); it starts healthy. */
    public synchronized Optional<TransitionEvent> onAdded(TransitionReason why) {
        if (state != EndpointState.ABSENT) {
            return Optional.empty();
        }
        consecutiveFailures = 0;
        consecutivePasses = 0;
        return Optional.of(move(EndpointState.HEALTHY, why));
    }

    /** The endpoint left the cluster (DNS answer or config change: {@code why}). */
    public synchronized Optional<TransitionEvent> onRemoved(TransitionReason why) {
        if (state == EndpointState.ABSENT) {
            return Optional.empty();
        }
        return Optional.of(move(EndpointState.ABSENT, why));
    }

    private TransitionEvent move(EndpointState to, TransitionReason reason) {
        return move(to, reason, null);
    }

    private TransitionEvent move(EndpointState to, TransitionReason reason, String detail) {
        HealthTransition t = HealthTransition.between(state, to);
        Instant now = clock.instant();
        long micros = Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000L), now.getNano() / 1_000L);
        state = to;
        lastChangeMicros = micros;
        if (to == EndpointState.HEALTHY) {
            healthySince = now;
        }
        TransitionEvent e = new TransitionEvent(micros, cluster, name, address, t, flags(), reason, detail);
        listener.onTransition(e);
        return e;
    }

    /** Flags in the contract's words, derived from the state. */
    public List<String> flags() {
        List<String> f = new ArrayList<>(2);
        switch (state) {
            case UNHEALTHY -> f.add("failed_active_hc");
            case EJECTED -> f.add("failed_outlier_check");
            case ABSENT -> f.add("removed");
            default -> {
            }
        }
        return f;
    }

    public EndpointState state() {
        return state;
    }

    public boolean usable() {
        return state.usable();
    }

    public String cluster() {
        return cluster;
    }

    public String name() {
        return name;
    }

    public String address() {
        return address;
    }

    public long checks() {
        return checks;
    }

    public long checkFailures() {
        return checkFailures;
    }

    public long lastChangeMicros() {
        return lastChangeMicros;
    }

    /** Ejections of this endpoint so far (for the admin view; the detector keeps its own multiplier). */
    public int ejections() {
        return ejections;
    }

    /** When the endpoint last became healthy after a transition; null if it has been healthy from the start. */
    public Instant healthySince() {
        return healthySince;
    }

    /** Current state, lock-free (volatile reads) so event subscribers never wait on a check. */
    public Snapshot snapshot() {
        return new Snapshot(cluster, name, address, state, flags(), lastChangeMicros, checks, checkFailures);
    }

    /** Point-in-time view of an endpoint, for admin output. */
    public record Snapshot(String cluster, String endpoint, String address, EndpointState state, List<String> flags,
                           long lastChangeMicros, long checks, long checkFailures) {
    }
}
