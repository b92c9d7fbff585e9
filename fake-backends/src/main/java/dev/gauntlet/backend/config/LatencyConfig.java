package dev.gauntlet.backend.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;

/**
 * Data-path latency: either fixed, or log-normal given by its median and 99th percentile (real
 * service latencies are skewed to the right, which a log-normal reproduces with two numbers users know).
 *
 * <pre>{@code
 * {"latency": {"fixed": "5ms"}}
 * {"latency": {"median": "5ms", "p99": "20ms"}}
 * }</pre>
 *
 * @param fixed  the constant delay, or null when a distribution is given
 * @param median the distribution's median, or null when fixed
 * @param p99    the distribution's 99th percentile (>= median), or null when fixed
 */
public record LatencyConfig(Duration fixed, Duration median, Duration p99) {
    public static final Duration DEFAULT_FIXED = Duration.ZERO;
    public static final LatencyConfig NONE = new LatencyConfig(DEFAULT_FIXED, null, null);
    static final List<String> FIELDS = List.of("fixed", "median", "p99");

    public LatencyConfig {
        if (fixed != null) {
            Checks.notNegative("fixed", fixed);
            if (median != null || p99 != null) {
                throw BehaviourInvalidException.of("fixed", Durations.format(fixed), "either fixed or median with p99, not both");
            }
        } else {
            if (median == null) {
                throw BehaviourInvalidException.of("median", "missing", "a duration > 0ms, given with p99 (or use fixed)");
            }
            if (p99 == null) {
                throw BehaviourInvalidException.of("p99", "missing", "a duration >= median, given with median (or use fixed)");
            }
            if (median.isNegative() || median.isZero()) {
                throw BehaviourInvalidException.of("median", Durations.format(median), "> 0ms");
            }
            if (p99.compareTo(median) < 0) {
                throw BehaviourInvalidException.of("p99", Durations.format(p99), ">= median (" + Durations.format(median) + ")");
            }
        }
    }

    public static LatencyConfig fixed(Duration fixed) {
        return new LatencyConfig(fixed, null, null);
    }

    public boolean isFixed() {
        return fixed != null;
    }

    static LatencyConfig read(Section s) {
        Duration fixed = s.duration("fixed", null);
        Duration median = s.duration("median", null);
        Duration p99 = s.duration("p99", null);
        if (fixed == null && median == null && p99 == null) {
            return NONE;
        }
        return new LatencyConfig(fixed, median, p99);
    }

    void write(ObjectNode out) {
        if (isFixed()) {
            out.put("fixed", Durations.format(fixed));
        } else {
            out.put("median", Durations.format(median));
            out.put("p99", Durations.format(p99));
        }
    }
}
