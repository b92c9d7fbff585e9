package dev.gauntlet.harness.sweep;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One constraint of a sweep, {@code false_ejections_per_min: "<= 0.1"}, judged on a point's mean.
 *
 * <pre>{@code
 * Constraint c = Constraint.parse("availability", ">= 99.9%");   // IllegalArgumentException if malformed
 * c.holds(99.95);                                              // true
 * }</pre>
 *
 * @param limit in the metric's unit (ms, %, per minute)
 */
public record Constraint(SweepMetric metric, String comparator, double limit) {

    private static final Pattern FORM = Pattern.compile("\\s*(<=|<|>=|>)?\\s*(.+?)\\s*");

    public Constraint {
        if (!java.util.Set.of("<=", "<", ">=", ">").contains(comparator)) {
            throw new IllegalArgumentException(comparator + " (expected: <=, <, >= or >)");
        }
    }

    /** Parses {@code "<= 0.1"}; a bare value means "no worse than": {@code >=} for availability, else {@code <=}. */
    public static Constraint parse(String metricName, String expression) {
        SweepMetric metric = SweepMetric.byName(metricName);
        if (metric == null) {
            throw new IllegalArgumentException(metricName + " (expected: one of " + SweepMetric.names() + ")");
        }
        Matcher m = FORM.matcher(expression);
        Double value = m.matches() ? metric.parseValue(m.group(2)) : null;
        if (value == null) {
            throw new IllegalArgumentException(expression + " (expected: [<=|<|>=|>] " + metric.valueRule() + ")");
        }
        String comparator = m.group(1) != null ? m.group(1) : metric.lowerIsBetter() ? "<=" : ">=";
        return new Constraint(metric, comparator, value);
    }

    public boolean holds(double value) {
        double tolerance = 1e-9 * Math.max(1, Math.abs(limit));
        return switch (comparator) {
            case "<=" -> value <= limit + tolerance;
            case "<" -> value < limit;
            case ">=" -> value >= limit - tolerance;
            default -> value > limit;
        };
    }

    @Override
    public String toString() {
        return metric.id() + " " + comparator + " " + metric.format(limit);
    }
}
