package dev.gauntlet.gateway.health;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * CLOCK_MONOTONIC as a {@link Clock}: instants are {@code System.nanoTime()} counted from the epoch (1970 plus
 * the host's uptime). The gateway runs its state machines and stamps its events ({@code t_us}) with it, so the
 * stamps share one time line with the harness and every other process on this kernel (containers included),
 * and no NTP step or {@code date -s} moves a transition or stretches a check interval. Its instants are not
 * wall-clock time and are never shown as such. (The harness has the same clock as {@code Micros.MONOTONIC};
 * the gateway does not depend on the harness's modules.)
 *
 * <pre>{@code
 * Gateway g = new Gateway(config, MonotonicClock.INSTANCE, scheduler, prober);
 * long tUs = AdminJson.micros(MonotonicClock.INSTANCE.instant());   // == System.nanoTime() / 1000
 * }</pre>
 */
public final class MonotonicClock extends Clock {

    public static final MonotonicClock INSTANCE = new MonotonicClock();

    private MonotonicClock() {
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.EPOCH.plusNanos(System.nanoTime());
    }

    @Override
    public long millis() {
        return System.nanoTime() / 1_000_000L;
    }
}
