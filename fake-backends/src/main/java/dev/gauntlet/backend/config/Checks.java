package dev.gauntlet.backend.config;

import java.time.Duration;

/** Shared compact-constructor checks, so every record words the same rule the same way. */
final class Checks {
    static final String STATUS_RULE = "an HTTP status 100-599";

    private Checks() {
    }

    static void status(String field, int status) {
        if (status < 100 || status > 599) {
            throw BehaviourInvalidException.of(field, status, STATUS_RULE);
        }
    }

    static void notNegative(String field, Duration d) {
        if (d == null || d.isNegative()) {
            throw BehaviourInvalidException.of(field, d == null ? "null" : Durations.format(d), ">= 0ms");
        }
    }

    static void range(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw BehaviourInvalidException.of(field, value, min + "-" + max);
        }
    }

    static void fraction(String field, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw BehaviourInvalidException.of(field, value, "a fraction 0.0-1.0");
        }
    }
}
