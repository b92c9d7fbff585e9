package dev.gauntlet.backend.server;

import dev.gauntlet.backend.config.BehaviourConfig;
import dev.gauntlet.backend.config.HealthConfig;
import dev.gauntlet.backend.config.WarmupConfig;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One behaviour with the run-time state it needs (random generators, counters, the instants that
 * warm-up and flapping count from, the capacity limiter, the body). A change builds a new instance
 * that keeps the state of every section that did not change, so e.g. changing the error rate does
 * not restart a warm-up or empty the capacity queue.
 *
 * <pre>{@code
 * ActiveBehaviour next = ActiveBehaviour.next(current, newConfig, clock, stats);
 * }</pre>
 */
public final class ActiveBehaviour {
    private static final long ERROR_STREAM = 0x5DEECE66DL;
    private static final long CONNECTION_STREAM = 0xB5297A4DL;

    private final BehaviourConfig config;
    private final Clock clock;
    final LatencySampler latency;
    private final Random errorRandom;
    private final AtomicLong errorCount;
    private final Random connectionRandom;
    private final Instant warmupStart;
    private final AtomicLong warmupCount;
    private final Instant healthSince;
    final CapacityLimiter limiter;
    private final ByteBuffer body;

    private ActiveBehaviour(BehaviourConfig config, Clock clock, ActiveBehaviour prev, Stats stats) {
        this.config = config;
        this.clock = clock;
        BehaviourConfig old = prev == null ? null : prev.config;
        boolean sameSeed = old != null && old.seed() == config.seed();
        this.latency = sameSeed && old.latency().equals(config.latency())
                ? prev.latency : LatencySampler.of(config.latency(), config.seed());
        boolean sameErrors = sameSeed && old.errors().equals(config.errors());
        this.errorRandom = sameErrors ? prev.errorRandom : new Random(config.seed() ^ ERROR_STREAM);
        this.errorCount = sameErrors ? prev.errorCount : new AtomicLong();
        this.connectionRandom = sameSeed && old.connection().equals(config.connection())
                ? prev.connectionRandom : new Random(config.seed() ^ CONNECTION_STREAM);
        boolean sameWarmup = old != null && old.warmup().equals(config.warmup());
        this.warmupStart = sameWarmup ? prev.warmupStart : clock.instant();
        this.warmupCount = sameWarmup ? prev.warmupCount : new AtomicLong();
        this.healthSince = old != null && old.health().equals(config.health()) ? prev.healthSince : clock.instant();
        this.limiter = old != null && old.capacity().equals(config.capacity()) ? prev.limiter
                : new CapacityLimiter(config.capacity().maxConcurrency(), config.capacity().queueSize(), stats);
        this.body = old != null && old.bodySize() == config.bodySize() ? prev.body : body(config.bodySize());
    }

    /** The first behaviour of a backend: warm-up and flapping count from now. */
    public static ActiveBehaviour first(BehaviourConfig config, Clock clock, Stats stats) {
        return new ActiveBehaviour(config, clock, null, stats);
    }

    /** The behaviour after a change, keeping the state of unchanged sections of {@code prev}. */
    public static ActiveBehaviour next(ActiveBehaviour prev, BehaviourConfig config, Stats stats) {
        return new ActiveBehaviour(config, prev.clock, Objects.requireNonNull(prev), stats);
    }

    public BehaviourConfig config() {
        return config;
    }

    /** Counts a data request into the warm-up and says whether it falls inside it. */
    boolean countIntoWarmup() {
        WarmupConfig w = config.warmup();
        if (!w.enabled()) {
            return false;
        }
        long n = warmupCount.incrementAndGet();
        return (w.requests() > 0 && n <= w.requests()) || withinWarmupTime();
    }

    /** Whether warm-up is still on by time or count, without counting a request (for health checks). */
    boolean inWarmupNow() {
        WarmupConfig w = config.warmup();
        return w.enabled() && ((w.requests() > 0 && warmupCount.get() < w.requests()) || withinWarmupTime());
    }

    private boolean withinWarmupTime() {
        Duration d = config.warmup().duration();
        return !d.isZero() && clock.instant().isBefore(warmupStart.plus(d));
    }

    /** Whether this data request gets an injected error: every Nth (counted since set) or by seeded chance. */
    boolean drawError() {
        var e = config.errors();
        if (!e.enabled()) {
            return false;
        }
        long n = errorCount.incrementAndGet();
        boolean nth = e.everyNth() > 0 && n % e.everyNth() == 0;
        boolean chance = e.rate() > 0 && errorRandom.nextDouble() < e.rate();
        return nth || chance;
    }

    boolean drawConnectionFault() {
        var c = config.connection();
        return c.enabled() && (c.rate() >= 1.0 || connectionRandom.nextDouble() < c.rate());
    }

    /** The health status now: the configured one, or the bad half of a flap. */
    int healthStatus() {
        HealthConfig h = config.health();
        if (!h.flapping()) {
            return h.status();
        }
        long elapsed = Duration.between(healthSince, clock.instant()).toNanos();
        long phase = Math.max(0, elapsed) / h.flapPeriod().toNanos();
        return phase % 2 == 0 ? h.status() : h.flapStatus();
    }

    ByteBuffer body() {
        return body.duplicate();
    }

    private static ByteBuffer body(int size) {
        byte[] bytes = new byte[size];
        // Printable filler so a body is readable in curl and logs.
        Arrays.fill(bytes, (byte) 'x');
        if (size > 0) {
            bytes[size - 1] = '\n';
        }
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }
}
