package dev.gauntlet.report.compare;

import dev.gauntlet.report.run.FaultResult;
import dev.gauntlet.report.run.Metrics;
import dev.gauntlet.report.run.PhaseMetrics;
import dev.gauntlet.report.run.Result;
import dev.gauntlet.report.text.Display;
import dev.gauntlet.report.text.KeyNumbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One line of the comparison's metrics table: a metric of run A, of run B, and B − A, with which direction is
 * better so the difference can be shown as better or worse. Null on either side: the difference is unknown.
 *
 * @param better +1 when higher is better, −1 when lower is better, 0 when neither
 */
record MetricRow(String name, Double a, Double b, Unit unit, int better) {

    /** How a value and a difference are shown. */
    enum Unit {
        MS, PERCENT, COUNT, RATIO, SCORE, SECONDS;

        String show(Double v) {
            if (v == null) {
                return Display.UNKNOWN;
            }
            return switch (this) {
                case MS -> Display.duration(v);
                case PERCENT -> Display.percent(v);
                case COUNT -> String.format(Locale.ROOT, "%.0f", v);
                case RATIO -> String.format(Locale.ROOT, "%.3f", v);
                case SCORE -> Display.score(v);
                case SECONDS -> String.format(Locale.ROOT, "%.2f s", v);
            };
        }

        String showDifference(double d) {
            String sign = d > 0 ? "+" : d < 0 ? "−" : "±";
            double m = Math.abs(d);
            return sign + switch (this) {
                case MS -> Display.duration(m);
                case PERCENT -> String.format(Locale.ROOT, "%.3f pp", m * 100);
                case COUNT -> String.format(Locale.ROOT, "%.0f", m);
                case RATIO -> String.format(Locale.ROOT, "%.3f", m);
                case SCORE -> String.format(Locale.ROOT, "%.1f", m);
                case SECONDS -> String.format(Locale.ROOT, "%.2f s", m);
            };
        }
    }

    /** B − A, or null. */
    Double difference() {
        return a == null || b == null ? null : b - a;
    }

    /** "better", "worse", "same" or "unknown", for B against A. */
    String judgement() {
        Double d = difference();
        if (d == null) {
            return "unknown";
        }
        if (Math.abs(d) < 1e-9 || better == 0) {
            return "same";
        }
        return d * better > 0 ? "better" : "worse";
    }

    /** The table's rows for two results (either may be null). */
    static List<MetricRow> rows(Result ra, Result rb) {
        List<MetricRow> rows = new ArrayList<>();
        rows.add(new MetricRow("resilience score", ra == null ? null : ra.score(), rb == null ? null : rb.score(),
                Unit.SCORE, +1));
        add(rows, "requests", ra, rb, m -> (double) m.requests(), Unit.COUNT, 0);
        add(rows, "availability", ra, rb, Metrics::availability, Unit.PERCENT, +1);
        add(rows, "p50 latency", ra, rb, Metrics::p50Ms, Unit.MS, -1);
        add(rows, "p99 latency", ra, rb, Metrics::p99Ms, Unit.MS, -1);
        add(rows, "max latency", ra, rb, Metrics::maxMs, Unit.MS, -1);
        add(rows, "avoidable NHU", ra, rb, Metrics::avoidableNhuMs, Unit.MS, -1);
        add(rows, "unavoidable NHU", ra, rb, Metrics::unavoidableNhuMs, Unit.MS, -1);
        rows.add(new MetricRow("worst detection time", worstDetection(ra), worstDetection(rb), Unit.MS, -1));
        add(rows, "false ejections", ra, rb, m -> m.falseEjections() == null ? null : m.falseEjections().doubleValue(),
                Unit.COUNT, -1);
        add(rows, "falsely-ejected endpoint-time", ra, rb, Metrics::falseEjectionSeconds, Unit.SECONDS, -1);
        add(rows, "retry amplification", ra, rb, Metrics::retryAmplification, Unit.RATIO, -1);
        add(rows, "NHU answer latency p99", ra, rb, Metrics::nhuLatencyP99Ms, Unit.MS, -1);
        add(rows, "time to full capacity", ra, rb, Metrics::timeToFullCapacityMs, Unit.MS, -1);
        for (String phase : List.of("baseline", "fault", "recovery")) {
            add(rows, phase + " availability", ra, rb, m -> phase(m, phase, PhaseMetrics::availability), Unit.PERCENT, +1);
            add(rows, phase + " p99 latency", ra, rb, m -> phase(m, phase, PhaseMetrics::p99Ms), Unit.MS, -1);
        }
        return rows;
    }

    private static void add(List<MetricRow> rows, String name, Result ra, Result rb, Function<Metrics, Double> f,
                            Unit unit, int better) {
        rows.add(new MetricRow(name, value(ra, f), value(rb, f), unit, better));
    }

    private static Double value(Result r, Function<Metrics, Double> f) {
        return r == null || r.metrics() == null ? null : f.apply(r.metrics());
    }

    private static Double phase(Metrics m, String phase, Function<PhaseMetrics, Double> f) {
        PhaseMetrics p = m.phases().get(phase);
        return p == null ? null : f.apply(p);
    }

    private static Double worstDetection(Result r) {
        FaultResult worst = r == null ? null : KeyNumbers.worstDetection(r.faults());
        return worst == null ? null : worst.detectionMs();
    }
}
