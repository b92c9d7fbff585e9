package dev.gauntlet.harness.sweep;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a sweep measures for each trial, by the name a sweep file uses in its objective and constraints.
 *
 * <pre>{@code
 * SweepMetric m = SweepMetric.byName("false_ejections_per_min");
 * double limit = m.parseValue("0.1");      // in the metric's own unit
 * }</pre>
 *
 * <p>Detection and recovery time give one sample per detectable fault (so a point with 2 trials of a
 * scenario with 2 crashes has 4 samples); every other metric gives one sample per trial, computed over
 * all of that trial's runs (its scenarios run once with the trial's seed).
 */
public enum SweepMetric {
    DETECTION_TIME("detection_time", "ms", true, true),
    RECOVERY_TIME("recovery_time", "ms", true, true),
    FALSE_EJECTIONS_PER_MIN("false_ejections_per_min", "/min", true, false),
    FALSE_EJECTION_SECONDS_PER_MIN("false_ejection_seconds_per_min", "s/min", true, false),
    AVAILABILITY("availability", "%", false, false),
    AVOIDABLE_NHU("avoidable_nhu", "ms", true, false);

    private final String id;
    private final String unit;
    private final boolean lowerIsBetter;
    private final boolean perFault;

    SweepMetric(String id, String unit, boolean lowerIsBetter, boolean perFault) {
        this.id = id;
        this.unit = unit;
        this.lowerIsBetter = lowerIsBetter;
        this.perFault = perFault;
    }

    public String id() {
        return id;
    }

    public String unit() {
        return unit;
    }

    public boolean lowerIsBetter() {
        return lowerIsBetter;
    }

    /** One sample per detectable fault rather than one per trial. */
    public boolean perFault() {
        return perFault;
    }

    public static String names() {
        return Arrays.stream(values()).map(SweepMetric::id).collect(Collectors.joining(", "));
    }

    /** The metric called {@code name}, or null. */
    public static SweepMetric byName(String name) {
        return Arrays.stream(values()).filter(m -> m.id.equals(name)).findFirst().orElse(null);
    }

    /** What {@link #parseValue} accepts, for error messages. */
    public String valueRule() {
        return switch (unit) {
            case "ms" -> "a duration like 250ms or 2s";
            case "%" -> "a percentage like 99.9%";
            default -> "a number like 0.5";
        };
    }

    /** Reads a limit in this metric's unit: durations to ms, percentages to percent; null if malformed. */
    public Double parseValue(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            return switch (unit) {
                case "ms" -> {
                    if (t.matches("\\d+(\\.\\d+)?")) {
                        yield Double.parseDouble(t);
                    }
                    java.time.Duration d = dev.gauntlet.harness.scenario.Durations.parseOrNull(t);
                    yield d == null ? null : d.toNanos() / 1e6;
                }
                case "%" -> {
                    double v = Double.parseDouble(t.endsWith("%") ? t.substring(0, t.length() - 1).trim() : t);
                    yield v < 0 || v > 100 ? null : v;
                }
                default -> Double.parseDouble(t.endsWith(unit) ? t.substring(0, t.length() - unit.length()) : t);
            };
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A value for people: {@code 2115 ms}, {@code 99.78 %}, {@code 0.75 /min}. */
    public String format(double value) {
        String number = switch (unit) {
            case "ms" -> String.format(Locale.ROOT, "%.0f", value);
            case "%" -> String.format(Locale.ROOT, "%.3f", value);
            default -> String.format(Locale.ROOT, "%.2f", value);
        };
        return number + " " + unit;
    }
}
