package dev.gauntlet.report.text;

import java.util.List;
import java.util.Locale;

/**
 * How numbers of a scored run are shown to people, in one place so the HTML report, the CI summary
 * and the JUnit messages say the same thing. A null value is always shown as {@code "unknown"},
 * never as zero: an unknown metric is not a good metric.
 *
 * <pre>{@code
 * Display.ms(1840.0);         // "1840 ms"
 * Display.percent(0.99421);   // "99.42%"
 * Display.bound(List.of(2000.0, 3500.0)); // "2000–3500 ms"
 * Display.ms(null);           // "unknown"
 * }</pre>
 */
public final class Display {

    public static final String UNKNOWN = "unknown";

    private Display() {
    }

    /** Milliseconds with precision that fits the magnitude. */
    public static String ms(Double ms) {
        if (ms == null || ms.isNaN()) {
            return UNKNOWN;
        }
        double a = Math.abs(ms);
        String fmt = a >= 100 || a == 0 ? "%.0f ms" : a >= 10 ? "%.1f ms" : "%.2f ms";
        return String.format(Locale.ROOT, fmt, ms);
    }

    /** A duration that may run to seconds: {@code "850 ms"}, {@code "12.4 s"}. */
    public static String duration(Double ms) {
        if (ms == null || ms.isNaN()) {
            return UNKNOWN;
        }
        return Math.abs(ms) >= 10_000 ? String.format(Locale.ROOT, "%.1f s", ms / 1000.0) : ms(ms);
    }

    /**
     * An availability or rate. Values up to 1 are fractions (the run files' convention); larger values
     * are taken as already being percentages, so a scorer that writes 99.4 is still shown right.
     */
    public static String percent(Double value) {
        if (value == null || value.isNaN()) {
            return UNKNOWN;
        }
        double pct = value <= 1.0 ? value * 100.0 : value;
        return String.format(Locale.ROOT, pct >= 99.0 && pct < 100.0 ? "%.3f%%" : "%.2f%%", pct);
    }

    /** Seconds since the run's start: {@code "15.0 s"}. */
    public static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.1f s", seconds);
    }

    /**
     * A measured time with its bracket (the true time lies between the two figures): {@code "2400 ms"} when exact,
     * {@code "2400–2401 ms"} otherwise; the single figure when there is no bracket (results scored before brackets).
     */
    public static String bracket(List<Double> bracketMs, Double ms) {
        if (bracketMs == null || bracketMs.size() != 2 || bracketMs.get(0) == null || bracketMs.get(1) == null) {
            return ms(ms);
        }
        if (bracketMs.get(0).equals(bracketMs.get(1))) {
            return ms(bracketMs.get(0));
        }
        return ms(bracketMs.get(0)).replace(" ms", "") + "–" + ms(bracketMs.get(1));
    }

    /** A mechanism id in words ({@code outlier_ejection} → {@code "outlier ejection"}); empty for null. */
    public static String mechanism(String id) {
        if (id == null || id.isBlank()) {
            return "";
        }
        return switch (id) {
            case "active_check" -> "active checks";
            case "unknown" -> "mechanism not said";
            default -> id.replace('_', ' ');
        };
    }

    /** A predicted [low, high] bound in ms, or {@code "no bound"}. */
    public static String bound(List<Double> boundMs) {
        if (boundMs == null || boundMs.isEmpty() || boundMs.get(0) == null) {
            return "no bound";
        }
        if (boundMs.size() == 1 || boundMs.get(1) == null) {
            return "≥ " + ms(boundMs.get(0));
        }
        return ms(boundMs.get(0)).replace(" ms", "") + "–" + ms(boundMs.get(1));
    }

    /** A score 0–100 with one decimal, or unknown. */
    public static String score(Double score) {
        return score == null || score.isNaN() ? UNKNOWN : String.format(Locale.ROOT, "%.1f", score);
    }

    /** yes / no / unknown. */
    public static String yesNo(Boolean b) {
        return b == null ? UNKNOWN : b ? "yes" : "no";
    }

    /** The text, or {@code "unknown"} when null or blank. */
    public static String text(String s) {
        return s == null || s.isBlank() ? UNKNOWN : s;
    }

    /** pass / fail / unknown, normalised; anything else counts as unknown. */
    public static String verdict(String verdict) {
        if (verdict == null) {
            return UNKNOWN;
        }
        String v = verdict.trim().toLowerCase(Locale.ROOT);
        return v.equals("pass") || v.equals("fail") ? v : UNKNOWN;
    }

    /** ✅ pass, ❌ fail, ❔ unknown. */
    public static String verdictEmoji(String verdict) {
        return switch (verdict(verdict)) {
            case "pass" -> "✅";
            case "fail" -> "❌";
            default -> "❔";
        };
    }
}
