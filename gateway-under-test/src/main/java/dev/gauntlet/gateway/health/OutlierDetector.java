package dev.gauntlet.gateway.health;

import dev.gauntlet.gateway.config.OutlierConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Passive outlier detection for one cluster (Envoy's consecutive_5xx and consecutive_gateway_failure,
 * evaluated at once rather than on a 10 s interval). Feeds the same {@link EndpointHealth} the active
 * checker feeds. An ejection lasts {@code min(base * n, max) + U[0, jitter]} where n counts this
 * endpoint's ejections, reset once it stayed un-ejected for {@code maxEjectionTime}.
 * Refuses to eject past {@code maxEjectionPercent} (but always allows one, as Envoy) and never ejects
 * the last usable endpoint.
 *
 * <pre>{@code
 * OutlierDetector d = new OutlierDetector(() -> cfg.outlierDetection(), members, clock, scheduler, random);
 * d.record(endpointHealth, PassiveOutcome.ofStatus(500));
 * }</pre>
 */
public final class OutlierDetector {
    private final Supplier<OutlierConfig> config;
    private final Supplier<List<EndpointHealth>> members;
    private final Clock clock;
    private final Scheduler scheduler;
    private final RandomGenerator random;
    private final Map<EndpointHealth, Counters> counters = new ConcurrentHashMap<>();

    public OutlierDetector(Supplier<OutlierConfig> config, Supplier<List<EndpointHealth>> members, Clock clock,
                           Scheduler scheduler, RandomGenerator random) {
        this.config = config;
        this.members = members;
        this.clock = clock;
        this.scheduler = scheduler;
        this.random = random;
    }

    private static final class Counters {
        int consecutive5xx;
        int consecutiveGateway;
        int multiplier;
        long ejectionId;
        Instant lastEjectionUntil;
    }

    /** Records one try's outcome; may eject the endpoint. Cheap on the success path. */
    public void record(EndpointHealth h, PassiveOutcome outcome) {
        OutlierConfig cfg = config.get();
        if (!cfg.enabled()) {
            return;
        }
        Counters c = counters.computeIfAbsent(h, k -> new Counters());
        String trip;
        synchronized (c) {
            switch (outcome) {
                case SUCCESS -> {
                    c.consecutive5xx = 0;
                    c.consecutiveGateway = 0;
                    return;
                }
                case SERVER_ERROR -> {
                    c.consecutive5xx++;
                    c.consecutiveGateway = 0;
                }
                case GATEWAY_ERROR_STATUS -> {
                    c.consecutive5xx++;
                    c.consecutiveGateway++;
                }
                case LOCAL_FAILURE -> c.consecutiveGateway++;
                default -> throw new IllegalStateException(String.valueOf(outcome));
            }
            // the counter that reached its limit is the ejection's detail
            trip = cfg.consecutive5xx() > 0 && c.consecutive5xx >= cfg.consecutive5xx()
                    ? "consecutive_5xx=" + c.consecutive5xx
                    : cfg.consecutiveGatewayFailure() > 0 && c.consecutiveGateway >= cfg.consecutiveGatewayFailure()
                    ? "consecutive_gateway_failure=" + c.consecutiveGateway : null;
        }
        if (trip != null) {
            tryEject(h, c, cfg, trip);
        }
    }

    private synchronized void tryEject(EndpointHealth h, Counters c, OutlierConfig cfg, String detail) {
        if (h.state() != EndpointState.HEALTHY) {
            return;
        }
        List<EndpointHealth> all = members.get();
        int total = 0;
        int ejected = 0;
        int usable = 0;
        for (EndpointHealth m : all) {
            if (m.state() == EndpointState.ABSENT) {
                continue;
            }
            total++;
            if (m.state() == EndpointState.EJECTED) {
                ejected++;
            }
            if (m.usable()) {
                usable++;
            }
        }
        if (usable <= 1) {
            return; // never eject the last usable endpoint: NHU would be worse than a bad endpoint
        }
        if (ejected > 0 && (ejected + 1) * 100 > cfg.maxEjectionPercent() * total) {
            return;
        }
        if (cfg.maxEjectionPercent() == 0) {
            return;
        }
        Instant now = clock.instant();
        Duration duration;
        long id;
        synchronized (c) {
            // Envoy decays the multiplier while the endpoint behaves; we forget it after a quiet maxEjectionTime.
            if (c.lastEjectionUntil != null && !now.isBefore(c.lastEjectionUntil.plus(cfg.maxEjectionTime()))) {
                c.multiplier = 0;
            }
            c.multiplier++;
            c.consecutive5xx = 0;
            c.consecutiveGateway = 0;
            long base = cfg.baseEjectionTime().toNanos();
            long nanos = Math.min(cfg.maxEjectionTime().toNanos(), base * Math.min(c.multiplier, 1_000_000));
            long jitter = cfg.ejectionJitter().toNanos();
            if (jitter > 0) {
                nanos += random.nextLong(jitter + 1);
            }
            duration = Duration.ofNanos(nanos);
            c.lastEjectionUntil = now.plus(duration);
            id = ++c.ejectionId;
        }
        if (h.onEjected(detail).isEmpty()) {
            return;
        }
        scheduler.schedule(duration, () -> expire(h, c, id));
    }

    private void expire(EndpointHealth h, Counters c, long id) {
        synchronized (c) {
            if (c.ejectionId != id) {
                return; // a later ejection owns the endpoint now
            }
        }
        h.onEjectionExpired();
    }

    /** Forget an endpoint that left the cluster. */
    public void forget(EndpointHealth h) {
        counters.remove(h);
    }
}
