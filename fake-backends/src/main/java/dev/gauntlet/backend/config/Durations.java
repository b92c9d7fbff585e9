package dev.gauntlet.backend.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as the contracts write them: {@code 250ms}, {@code 1s}, {@code 1.5s}, {@code 2m};
 * also {@code us} and {@code h}. Output is always in milliseconds, so documents read back compare
 * equal however they were written.
 *
 * <pre>{@code
 * Duration d = Durations.parse("1.5s");   // PT1.5S
 * Durations.format(d);                     // "1500ms"
 * }</pre>
 */
public final class Durations {
    /** The rule quoted in error messages. */
    public static final String RULE = "a duration like 250ms, 1s, 1.5s, 2m";

    private static final Pattern SYNTAX = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(us|ms|s|m|h)");

    private Durations() {
    }

    /** Parses {@code text}, or returns null when it is not a duration. */
    public static Duration parseOrNull(String text) {
        Matcher m = SYNTAX.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        BigDecimal amount = new BigDecimal(m.group(1));
        long nanosPerUnit = switch (m.group(2)) {
            case "us" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
        };
        try {
            return Duration.ofNanos(amount.multiply(BigDecimal.valueOf(nanosPerUnit)).longValueExact());
        } catch (ArithmeticException tooLargeOrFractionalNanos) {
            return null;
        }
    }

    /** Formats in milliseconds, keeping a fraction only when there is one: {@code 5ms}, {@code 0.25ms}. */
    public static String format(Duration duration) {
        BigDecimal ms = BigDecimal.valueOf(duration.toNanos()).movePointLeft(6).stripTrailingZeros();
        return ms.toPlainString() + "ms";
    }
}
