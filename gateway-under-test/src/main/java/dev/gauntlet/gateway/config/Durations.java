package dev.gauntlet.gateway.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Duration strings as the contracts write them: {@code 250ms}, {@code 1s}, {@code 1.5s}, {@code 2m},
 * {@code 1h}, {@code 100us}. Output is always whole milliseconds ({@code "1500ms"}).
 *
 * <pre>{@code
 * Duration d = Durations.parse("1.5s", "healthCheck.interval");   // PT1.5S
 * String s = Durations.format(d);                                   // "1500ms"
 * }</pre>
 */
public final class Durations {
    private static final Pattern FORMAT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(us|ms|s|m|h)");
    static final String RULE = "a duration like 250ms, 1s, 1.5s, 2m";

    private Durations() {
    }

    /** Parses {@code text}; a bad value raises the one config error format at {@code path}. */
    public static Duration parse(String text, String path) {
        if (text == null) {
            return null;
        }
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            throw new ConfigInvalidException(path, text, RULE);
        }
        BigDecimal n = new BigDecimal(m.group(1));
        BigDecimal nanosPerUnit = switch (m.group(2)) {
            case "us" -> BigDecimal.valueOf(1_000L);
            case "ms" -> BigDecimal.valueOf(1_000_000L);
            case "s" -> BigDecimal.valueOf(1_000_000_000L);
            case "m" -> BigDecimal.valueOf(60_000_000_000L);
            default -> BigDecimal.valueOf(3_600_000_000_000L);
        };
        return Duration.ofNanos(n.multiply(nanosPerUnit).longValue());
    }

    /** Whole milliseconds with the unit, the one output form of the contracts. */
    public static String format(Duration d) {
        return d.toMillis() + "ms";
    }
}
