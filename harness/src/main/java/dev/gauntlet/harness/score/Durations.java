package dev.gauntlet.harness.score;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Duration strings of the contracts ({@code 250ms}, {@code 1s}, {@code 1.5s}, {@code 2m}) to milliseconds, and back. */
final class Durations {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(us|ms|s|m|h)?");

    private Durations() {
    }

    /** Milliseconds, or null when the text is not a duration. A bare number is accepted only for zero. */
    static Double parseMs(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        double value = Double.parseDouble(m.group(1));
        String unit = m.group(2);
        if (unit == null) {
            return value == 0 ? 0.0 : null;
        }
        return switch (unit) {
            case "us" -> value / 1000.0;
            case "ms" -> value;
            case "s" -> value * 1000.0;
            case "m" -> value * 60_000.0;
            default -> value * 3_600_000.0;
        };
    }

    /** A duration in a JSON config: a string in the contracts' form, or a plain number of milliseconds. */
    static Double parseMs(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isNumber()) {
            return node.asDouble() >= 0 ? node.asDouble() : null;
        }
        return node.isTextual() ? parseMs(node.asText()) : null;
    }

    /** Display form used in checks and reports: {@code 1840 ms}, {@code 12.5 ms}. */
    static String format(double ms) {
        if (ms == Math.rint(ms) && Math.abs(ms) < 1e15) {
            return String.format(Locale.ROOT, "%d ms", (long) ms);
        }
        return String.format(Locale.ROOT, "%.1f ms", ms);
    }

    /** Microseconds of a duration in milliseconds, rounded. */
    static long toUs(double ms) {
        return Math.round(ms * 1000.0);
    }
}
