package dev.gauntlet.harness.fault;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The one clock of a run: epoch microseconds on this host, shared with the gateway's events. */
public final class Micros {

    private Micros() {
    }

    public static long now(Clock clock) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant());
    }
}
