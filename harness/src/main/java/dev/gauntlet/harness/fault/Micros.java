package dev.gauntlet.harness.fault;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The one clock of a run: CLOCK_MONOTONIC microseconds. On Linux {@code System.nanoTime()} reads
 * CLOCK_MONOTONIC unshifted, so every process on this host, and every container on its kernel, stamps on one
 * time line that no NTP step or {@code date -s} can move; our gateway stamps its events the same way. Epoch
 * time is kept only for display: {@link #epochOffsetUs()} (epoch − monotonic, taken at the run's start and
 * saved in run.json) turns a stamp into wall-clock time, and {@link #fromEpochUs} turns a foreign wall-clock
 * stamp (a gateway's log line) into the run's time base.
 *
 * <pre>{@code
 * long offset = Micros.startRun(Clock.systemUTC());     // once, at the run's start; goes to run.json
 * long t = Micros.nowUs();                               // every stamp of the run
 * long logged = Micros.fromEpochUs(haproxyLogEpochUs);   // a foreign wall-clock stamp, in the same base
 * Instant shown = Instant.EPOCH.plus(t + offset, ChronoUnit.MICROS);
 * }</pre>
 */
public final class Micros {

    /**
     * A {@link Clock} whose instants are CLOCK_MONOTONIC counted from the epoch (1970 plus the host's uptime):
     * for code that takes a stamp from an injected Clock ({@code Micros.now(clock)}). Its instants are not
     * wall-clock time and must not be shown as such.
     */
    public static final Clock MONOTONIC = new MonotonicClock();

    private static volatile long epochOffsetUs = measureOffset(Clock.systemUTC());

    private Micros() {
    }

    /** Now, in the run's time base (CLOCK_MONOTONIC microseconds). */
    public static long nowUs() {
        return System.nanoTime() / 1_000L;
    }

    /** Microseconds since the epoch of {@code clock}'s instant: the run's time base when it is {@link #MONOTONIC}. */
    public static long now(Clock clock) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant());
    }

    /**
     * Fixes the run's epoch offset from {@code wall} (epoch − monotonic, now) and returns it for run.json. Read
     * once: a wall clock stepped later moves no stamp of the run, only what a later run shows.
     */
    public static long startRun(Clock wall) {
        epochOffsetUs = measureOffset(wall);
        return epochOffsetUs;
    }

    /** Epoch − monotonic as fixed by {@link #startRun} (or at class load). */
    public static long epochOffsetUs() {
        return epochOffsetUs;
    }

    /**
     * A wall-clock stamp read from a foreign source (a gateway's log line, an admin API) in the run's time
     * base, so it can be compared with the harness's own stamps. Every kind's view reader converts through
     * here, with the offset fixed at the run's start (a wall-clock step during the run shifts these stamps,
     * and only these: say so where it matters).
     */
    public static long fromEpochUs(long epochUs) {
        return epochUs - epochOffsetUs;
    }

    private static long measureOffset(Clock wall) {
        // The wall read taken between two monotonic reads, paired with their midpoint.
        long before = nowUs();
        long epoch = now(wall);
        long after = nowUs();
        return epoch - (before + (after - before) / 2);
    }

    /** CLOCK_MONOTONIC as a Clock; zone UTC, since its instants are not wall time anyway. */
    private static final class MonotonicClock extends Clock {
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
}
