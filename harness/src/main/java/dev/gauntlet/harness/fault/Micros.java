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

    /**
     * A wall-clock stamp read from a foreign source (a gateway's log line, an admin API) in the run's time
     * base, so it can be compared with the harness's own stamps. Every kind's view reader converts through
     * here; today the run's time base is epoch microseconds, so this is the identity.
     */
    public static long fromEpochUs(long epochUs) {
        return epochUs;
    }
}
