package dev.gauntlet.harness.score;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One line of a scenario's {@code expect} block, parsed: what is measured, over which part of the run,
 * and the comparison it must satisfy.
 *
 * <pre>{@code
 * Expectation e = Expectation.parse("phase.fault.p99_latency", "<= 250ms");
 * // e.scope() = Scope.phase("fault"), e.metric() = Metric.P99_LATENCY, e.comparator() = LE, e.threshold() = 250.0
 * Expectation.parse("availability", "99%");      // bare value: ">= 99%" for availability
 * Expectation.parse("detection_time", "<= bound"); // each fault inside its predicted bound
 * Expectation.parse("window[20s..40s].availability", ">= 95%");
 * }</pre>
 *
 * Grammar: {@code [phase.<baseline|fault|recovery>. | window[<from>..<to>].]<metric>} and
 * {@code [<=|<|>=|>|==] <value>}. Thresholds are held in milliseconds (durations), a fraction 0–1
 * (availability), a count (requests, false_ejections), per second (achieved_rate) or a plain ratio
 * (retry_amplification, {@code "<= 1.2"}). A bad line throws
 * {@link IllegalArgumentException} with the message {@code <value> (expected: <rule>)}.
 *
 * @param name       the metric as written
 * @param expression the expression as written
 * @param bound      true for {@code "<= bound"}: each fault inside its predicted bound (threshold unused)
 */
public record Expectation(String name, Scope scope, Metric metric, Comparator comparator, double threshold,
                          boolean bound, String expression) {

    /** What a threshold is measured in. */
    public enum Kind { DURATION, PERCENT, COUNT, RATE, RATIO }

    /** The measurable metrics; {@code perFault} ones are judged fault by fault, {@code viewBased} ones need the view. */
    public enum Metric {
        AVOIDABLE_NHU("avoidable_nhu", Kind.DURATION, Comparator.LE, true, false),
        UNAVOIDABLE_NHU("unavoidable_nhu", Kind.DURATION, Comparator.LE, true, false),
        AVAILABILITY("availability", Kind.PERCENT, Comparator.GE, false, false),
        P50_LATENCY("p50_latency", Kind.DURATION, Comparator.LE, false, false),
        P90_LATENCY("p90_latency", Kind.DURATION, Comparator.LE, false, false),
        P99_LATENCY("p99_latency", Kind.DURATION, Comparator.LE, false, false),
        MAX_LATENCY("max_latency", Kind.DURATION, Comparator.LE, false, false),
        DETECTION_TIME("detection_time", Kind.DURATION, Comparator.LE, true, true),
        RECOVERY_TIME("recovery_time", Kind.DURATION, Comparator.LE, true, true),
        REQUESTS("requests", Kind.COUNT, Comparator.GE, false, false),
        ACHIEVED_RATE("achieved_rate", Kind.RATE, Comparator.GE, false, false),
        /** Ejections that began while the endpoint's truth was up (degraded endpoints are rightly ejected). */
        FALSE_EJECTIONS("false_ejections", Kind.COUNT, Comparator.LE, true, false),
        /** Endpoint-time falsely ejected, written as a duration: {@code "<= 2s"}. */
        FALSE_EJECTION_SECONDS("false_ejection_seconds", Kind.DURATION, Comparator.LE, true, false),
        /** Upstream attempts per client request, from the gateway's counters; whole run only. */
        RETRY_AMPLIFICATION("retry_amplification", Kind.RATIO, Comparator.LE, false, false),
        /** Latency of the gateway's own NHU answers (flag UH): fail fast. No NHU answer at all passes. */
        NHU_LATENCY_P50("nhu_latency_p50", Kind.DURATION, Comparator.LE, false, false),
        NHU_LATENCY_P99("nhu_latency_p99", Kind.DURATION, Comparator.LE, false, false),
        /** Last heal → every endpoint usable (and at full weight); whole run or phase.recovery. */
        TIME_TO_FULL_CAPACITY("time_to_full_capacity", Kind.DURATION, Comparator.LE, true, false);

        private final String id;
        private final Kind kind;
        private final Comparator defaultComparator;
        private final boolean viewBased;
        private final boolean perFault;

        Metric(String id, Kind kind, Comparator defaultComparator, boolean viewBased, boolean perFault) {
            this.id = id;
            this.kind = kind;
            this.defaultComparator = defaultComparator;
            this.viewBased = viewBased;
            this.perFault = perFault;
        }

        public String id() {
            return id;
        }

        public Kind kind() {
            return kind;
        }

        public Comparator defaultComparator() {
            return defaultComparator;
        }

        public boolean viewBased() {
            return viewBased;
        }

        public boolean perFault() {
            return perFault;
        }

        static Metric byId(String id) {
            return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst().orElse(null);
        }
    }

    /** How a measured value must compare with the threshold. */
    public enum Comparator {
        LE("<="), LT("<"), GE(">="), GT(">"), EQ("==");

        private static final double EPSILON = 1e-9;
        private final String symbol;

        Comparator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        /** Compares with a tolerance of 1e-9 relative, so 99/100 meets ">= 99%". */
        public boolean test(double measured, double threshold) {
            boolean equal = Math.abs(measured - threshold) <= EPSILON * Math.max(1.0, Math.abs(threshold));
            return switch (this) {
                case LE -> measured < threshold || equal;
                case LT -> measured < threshold && !equal;
                case GE -> measured > threshold || equal;
                case GT -> measured > threshold && !equal;
                case EQ -> equal;
            };
        }

        static Comparator bySymbol(String symbol) {
            return Arrays.stream(values()).filter(c -> c.symbol.equals(symbol)).findFirst().orElseThrow();
        }
    }

    /**
     * The part of the run a metric covers: the whole run, a phase, or a window {@code [fromUs, toUs)} in
     * microseconds since the run's start.
     */
    public record Scope(String phase, Long fromUs, Long toUs) {
        public static final Scope WHOLE = new Scope(null, null, null);

        public static Scope phase(String name) {
            return new Scope(name, null, null);
        }

        public static Scope window(long fromUs, long toUs) {
            return new Scope(null, fromUs, toUs);
        }

        public boolean isWindow() {
            return fromUs != null;
        }
    }

    static final String PHASES = "baseline, fault or recovery";
    private static final Pattern COMPARISON = Pattern.compile("(<=|>=|==|<|>)?\\s*(.*)");
    private static final Pattern WINDOW = Pattern.compile("window\\[([^\\]]*)\\.\\.([^\\]]*)\\]\\.(.*)");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");

    /** Parses one {@code expect} line; throws {@link IllegalArgumentException} {@code <value> (expected: <rule>)}. */
    public static Expectation parse(String metric, String expression) {
        String name = String.valueOf(metric).trim();
        Scope scope = Scope.WHOLE;
        String id = name;
        if (name.startsWith("phase.")) {
            String rest = name.substring("phase.".length());
            int dot = rest.indexOf('.');
            String phase = dot < 0 ? rest : rest.substring(0, dot);
            if (dot < 0 || !(phase.equals("baseline") || phase.equals("fault") || phase.equals("recovery"))) {
                throw bad(phase, "a phase: " + PHASES);
            }
            scope = Scope.phase(phase);
            id = rest.substring(dot + 1);
        } else if (name.startsWith("window[")) {
            Matcher w = WINDOW.matcher(name);
            String rule = "window[<from>..<to>].<metric> with durations from < to, e.g. window[20s..40s].availability";
            if (!w.matches()) {
                throw bad(name, rule);
            }
            Double from = Durations.parseMs(w.group(1));
            Double to = Durations.parseMs(w.group(2));
            if (from == null || to == null || from >= to) {
                throw bad("window[" + w.group(1) + ".." + w.group(2) + "]", rule);
            }
            scope = Scope.window(Durations.toUs(from), Durations.toUs(to));
            id = w.group(3);
        }
        Metric m = Metric.byId(id);
        if (m == null) {
            throw bad(id, "one of " + Arrays.stream(Metric.values()).map(Metric::id).collect(Collectors.joining(", "))
                    + ", optionally prefixed by phase.<baseline|fault|recovery>. or window[<from>..<to>].");
        }
        return parseExpression(name, scope, m, expression);
    }

    private static Expectation parseExpression(String name, Scope scope, Metric m, String expression) {
        String written = String.valueOf(expression);
        Matcher c = COMPARISON.matcher(written.trim());
        c.matches(); // the pattern matches any text
        Comparator comparator = c.group(1) == null ? m.defaultComparator() : Comparator.bySymbol(c.group(1));
        String value = c.group(2).trim();
        if (m.perFault() && value.equals("bound")) {
            if (comparator != Comparator.LE) {
                throw bad(written, rule(m));
            }
            return new Expectation(name, scope, m, comparator, Double.NaN, true, written);
        }
        Double threshold = switch (m.kind()) {
            case DURATION -> Durations.parseMs(value);
            case PERCENT -> percent(value);
            case COUNT -> value.matches("\\d+") ? Double.valueOf(value) : null;
            case RATE -> rate(value);
            case RATIO -> ratio(value);
        };
        if (threshold == null) {
            throw bad(written, rule(m));
        }
        return new Expectation(name, scope, m, comparator, threshold, false, written);
    }

    private static Double percent(String value) {
        if (!value.endsWith("%") || !NUMBER.matcher(value.substring(0, value.length() - 1).trim()).matches()) {
            return null;
        }
        double p = Double.parseDouble(value.substring(0, value.length() - 1).trim());
        return p <= 100 ? p / 100.0 : null;
    }

    private static Double ratio(String value) {
        String number = value.endsWith("x") ? value.substring(0, value.length() - 1).trim() : value;
        return NUMBER.matcher(number).matches() ? Double.valueOf(number) : null;
    }

    private static Double rate(String value) {
        String number = value.endsWith("/s") ? value.substring(0, value.length() - 2).trim() : value;
        return NUMBER.matcher(number).matches() ? Double.valueOf(number) : null;
    }

    /** The rule shown when an expression does not parse. */
    static String rule(Metric m) {
        String ops = "[<=|<|>=|>|==] ";
        return switch (m.kind()) {
            case DURATION -> m.perFault()
                    ? "\"<= bound\" or " + ops + "<duration>, e.g. \"<= 3s\""
                    : ops + "<duration>, e.g. \"<= 250ms\" or 0s";
            case PERCENT -> ops + "<percentage 0-100%>, e.g. \">= 99.0%\"";
            case COUNT -> ops + "<whole number>, e.g. \">= 1000\"";
            case RATE -> ops + "<requests per second>, e.g. \">= 190/s\"";
            case RATIO -> ops + "<ratio>, e.g. \"<= 1.2\"";
        };
    }

    private static IllegalArgumentException bad(String value, String rule) {
        return new IllegalArgumentException(value + " (expected: " + rule + ")");
    }

    /** The threshold in display form ({@code 250 ms}, {@code 99.00%}). */
    String thresholdText() {
        if (bound) {
            return "bound";
        }
        return switch (metric.kind()) {
            case DURATION -> Durations.format(threshold);
            case PERCENT -> String.format(Locale.ROOT, "%.2f%%", threshold * 100);
            case COUNT -> String.valueOf((long) threshold);
            case RATE -> String.format(Locale.ROOT, "%.1f/s", threshold);
            case RATIO -> String.format(Locale.ROOT, "%.3f", threshold);
        };
    }
}
