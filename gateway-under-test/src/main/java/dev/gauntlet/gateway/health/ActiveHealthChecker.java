package dev.gauntlet.gateway.health;

import dev.gauntlet.gateway.config.HealthCheckConfig;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Schedules the active checks of one endpoint, exactly as the contract states: the first after
 * U[0, jitter]; each next one {@code interval} ({@code unhealthyInterval} while UNHEALTHY) + U[0, jitter]
 * after the previous one <em>ended</em>, so a slow or timing-out check delays the next one.
 * The config is read at each scheduling step, so a run-time change applies from the next check.
 *
 * <pre>{@code
 * var checker = new ActiveHealthChecker(health, target, () -> clusterConfig.healthCheck(), prober, scheduler, random);
 * checker.start();
 * ...
 * checker.stop();
 * }</pre>
 */
public final class ActiveHealthChecker {
    private final EndpointHealth health;
    private final Prober.ProbeTarget target;
    private final Supplier<HealthCheckConfig> config;
    private final Prober prober;
    private final Scheduler scheduler;
    private final RandomGenerator random;
    private final Object lock = new Object();
    private boolean running;
    private Scheduler.Cancellable pending;
    private long generation;

    public ActiveHealthChecker(EndpointHealth health, Prober.ProbeTarget target, Supplier<HealthCheckConfig> config,
                               Prober prober, Scheduler scheduler, RandomGenerator random) {
        this.health = health;
        this.target = target;
        this.config = config;
        this.prober = prober;
        this.scheduler = scheduler;
        this.random = random == null ? ThreadLocalRandom.current() : random;
    }

    public void start() {
        synchronized (lock) {
            if (running) {
                return;
            }
            running = true;
            generation++;
            scheduleAfter(jitter(config.get()), generation);
        }
    }

    public void stop() {
        synchronized (lock) {
            running = false;
            generation++;
            if (pending != null) {
                pending.cancel();
                pending = null;
            }
        }
    }

    private void scheduleAfter(Duration delay, long gen) {
        pending = scheduler.schedule(delay, () -> runCheck(gen));
    }

    private void runCheck(long gen) {
        HealthCheckConfig cfg;
        synchronized (lock) {
            if (!running || gen != generation) {
                return;
            }
            pending = null;
            cfg = config.get();
        }
        if (!cfg.enabled()) {
            // Disabled (at start or run time): keep the loop alive (cheaply) so enabling it again needs
            // no restart, and release an endpoint the checks had marked unhealthy.
            health.onChecksDisabled();
            synchronized (lock) {
                if (running && gen == generation) {
                    scheduleAfter(cfg.interval(), gen);
                }
            }
            return;
        }
        prober.probe(target, cfg, (CheckOutcome outcome, String detail) -> checkEnded(gen, outcome, detail));
    }

    private void checkEnded(long gen, CheckOutcome outcome, String detail) {
        HealthCheckConfig cfg = config.get();
        synchronized (lock) {
            if (!running || gen != generation) {
                return;
            }
        }
        health.onActiveCheck(outcome, detail, cfg.unhealthyThreshold(), cfg.healthyThreshold());
        Duration base = health.state() == EndpointState.UNHEALTHY ? cfg.unhealthyInterval() : cfg.interval();
        synchronized (lock) {
            if (running && gen == generation) {
                scheduleAfter(base.plus(jitter(cfg)), gen);
            }
        }
    }

    private Duration jitter(HealthCheckConfig cfg) {
        long max = cfg.jitter().toNanos();
        return max <= 0 ? Duration.ZERO : Duration.ofNanos(random.nextLong(max + 1));
    }

    public EndpointHealth health() {
        return health;
    }
}
