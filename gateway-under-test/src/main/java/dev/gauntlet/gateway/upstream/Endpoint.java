package dev.gauntlet.gateway.upstream;

import dev.gauntlet.gateway.config.SlowStartConfig;
import dev.gauntlet.gateway.health.ActiveHealthChecker;
import dev.gauntlet.gateway.health.EndpointHealth;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One backend instance at run time: its identity, configured weight, health state machine, the active
 * checker feeding it, and the counters the balancer and the outlier detector read. The connection pool
 * is attached by the proxy layer ({@link #attachment}) so this type stays free of I/O.
 *
 * <pre>{@code
 * Endpoint ep = new Endpoint("api-0", "127.0.0.1", 21001, 1, health);
 * ep.effectiveWeight(clock.instant(), slowStart);   // 1.0 unless ramping
 * }</pre>
 */
public final class Endpoint {
    private final String name;
    private final String host;
    private final int port;
    private volatile int weight;
    private final EndpointHealth health;
    private volatile ActiveHealthChecker checker;
    private volatile Object attachment;

    /** Requests in flight to this endpoint (least-request balancing). */
    public final AtomicInteger active = new AtomicInteger();
    /** Upstream attempts sent to this endpoint. */
    public final AtomicLong attempts = new AtomicLong();
    /** Attempts that failed (connect failure, reset, timeout) or answered 5xx. */
    public final AtomicLong failures = new AtomicLong();
    /** Smooth weighted round robin state; guarded by the balancer's lock. */
    double currentWeight;

    public Endpoint(String name, String host, int port, int weight, EndpointHealth health) {
        this.name = name;
        this.host = host;
        this.port = port;
        this.weight = weight;
        this.health = health;
    }

    public String name() {
        return name;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String address() {
        return health.address();
    }

    public int weight() {
        return weight;
    }

    /** Run-time weight change (PUT /admin/config); the cluster must {@code refresh()} afterwards. */
    public void weight(int w) {
        this.weight = w;
    }

    public EndpointHealth health() {
        return health;
    }

    public boolean usable() {
        return health.usable();
    }

    /**
     * The configured weight, scaled down while slow start ramps it up after the endpoint (re)turned
     * healthy: linearly from minWeightPercent% to 100% over the window.
     */
    public double effectiveWeight(Instant now, SlowStartConfig slowStart) {
        if (!slowStart.enabled() || weight == 0) {
            return weight;
        }
        double f = slowStartFraction(now, slowStart);
        return weight * f;
    }

    /** 1.0 when not ramping; else the current fraction of full weight. */
    public double slowStartFraction(Instant now, SlowStartConfig slowStart) {
        Instant since = health.healthySince();
        if (!slowStart.enabled() || since == null || !health.usable()) {
            return 1.0;
        }
        long elapsed = Duration.between(since, now).toNanos();
        long window = slowStart.window().toNanos();
        if (elapsed >= window) {
            return 1.0;
        }
        double min = slowStart.minWeightPercent() / 100.0;
        return min + (1.0 - min) * Math.max(0, elapsed) / window;
    }

    public boolean inSlowStart(Clock clock, SlowStartConfig slowStart) {
        return slowStartFraction(clock.instant(), slowStart) < 1.0;
    }

    public ActiveHealthChecker checker() {
        return checker;
    }

    public void checker(ActiveHealthChecker c) {
        this.checker = c;
    }

    public Object attachment() {
        return attachment;
    }

    public void attachment(Object a) {
        this.attachment = a;
    }

    @Override
    public String toString() {
        return name + "(" + address() + ")";
    }
}
