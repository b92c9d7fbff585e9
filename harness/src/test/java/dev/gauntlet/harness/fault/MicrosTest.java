package dev.gauntlet.harness.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The run's time base: CLOCK_MONOTONIC µs, with the epoch offset fixed once at the start. */
class MicrosTest {

    @AfterEach
    void realOffsetAgain() {
        Micros.startRun(Clock.systemUTC());
    }

    @Test
    void stampsAreMonotonicMicroseconds() {
        long before = System.nanoTime() / 1000;
        long viaClock = Micros.now(Micros.MONOTONIC);
        long direct = Micros.nowUs();
        long after = System.nanoTime() / 1000;
        assertThat(viaClock).as("the MONOTONIC clock reads nanoTime").isBetween(before, after);
        assertThat(direct).isBetween(viaClock, after);
    }

    @Test
    void theOffsetIsTakenAtTheStartAndAForeignStampConvertsWithIt() {
        Instant wallAtStart = Instant.parse("2026-12-04T16:00:00Z");
        long before = Micros.nowUs();
        long offset = Micros.startRun(Clock.fixed(wallAtStart, ZoneOffset.UTC));
        long after = Micros.nowUs();
        long epochAtStart = 1_796_400_000_000_000L; // 2026-12-04T16:00:00Z in µs
        assertThat(offset).as("epoch − monotonic at the start").isBetween(epochAtStart - after, epochAtStart - before);
        assertThat(Micros.epochOffsetUs()).isEqualTo(offset);

        // A log line stamped 2.5 s after the start, in wall-clock time, lands 2.5 s after the start's stamp.
        long logged = epochAtStart + 2_500_000L;
        assertThat(Micros.fromEpochUs(logged) - (epochAtStart - offset)).isEqualTo(2_500_000L);
    }
}
