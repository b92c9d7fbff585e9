package dev.gauntlet.harness.scenario;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as scenario files write them: {@code 250ms}, {@code 1s}, {@code 1.5s}, {@code 2m}, {@code 500us}. */
public final class Durations {

    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(us|ms|s|m|h)");
    public static final String RULE = "a duration like 250ms, 1s, 1.5s or 2m";

    private Durations() {
    }

    /** Parses a duration, or returns null when the text is not one. */
    public static Duration parseOrNull(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        double amount = Double.parseDouble(m.group(1));
        double micros = switch (m.group(2)) {
            case "us" -> amount;
            case "ms" -> amount * 1_000;
            case "s" -> amount * 1_000_000;
            case "m" -> amount * 60_000_000;
            default -> amount * 3_600_000_000.0;
        };
        return Duration.ofNanos(Math.round(micros * 1_000));
    }

    /** Renders a duration the way the gateway and the backends read it back. */
    public static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos % 1_000_000 == 0) {
            return (nanos / 1_000_000) + "ms";
        }
        return (nanos / 1_000) + "us";
    }
}
