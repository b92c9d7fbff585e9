package dev.gauntlet.gateway.config;

import java.time.Duration;

/** Validation helpers shared by the config records; each throws the one error format. */
final class Check {
    private Check() {
    }

    static int range(String path, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ConfigInvalidException(path, value, min + "-" + max);
        }
        return value;
    }

    static double range(String path, double value, double min, double max) {
        if (value < min || value > max || Double.isNaN(value)) {
            throw new ConfigInvalidException(path, value, min + "-" + max);
        }
        return value;
    }

    static Duration positive(String path, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new ConfigInvalidException(path, d == null ? "null" : Durations.format(d), "> 0ms");
        }
        return d;
    }

    static Duration nonNegative(String path, Duration d) {
        if (d == null || d.isNegative()) {
            throw new ConfigInvalidException(path, d == null ? "null" : Durations.format(d), ">= 0ms");
        }
        return d;
    }

    static String nonBlank(String path, String s) {
        if (s == null || s.isBlank()) {
            throw new ConfigInvalidException(path, s == null ? "null" : "\"" + s + "\"", "a non-empty string");
        }
        return s;
    }

    static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }

    static Duration duration(String text, String path, Duration fallback) {
        return text == null ? fallback : Durations.parse(text, path);
    }

    static boolean isLoopback(String host) {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1") || host.startsWith("127.");
    }
}
