package dev.gauntlet.harness.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.gauntlet.report.sweep.MetricSummary;
import dev.gauntlet.report.sweep.SweepComparison;
import dev.gauntlet.report.sweep.SweepPointRow;
import dev.gauntlet.report.sweep.SweepReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the measured trials of a sweep into its report: per point, each metric's mean and 95% interval;
 * which points meet the constraints; the Pareto front; the recommended point (the feasible point with the
 * best objective statistic) and its comparison with the runner-up.
 *
 * <pre>{@code
 * SweepReport report = SweepAnalysis.analyse(sweep, points, state.trials(), state.elapsedMs());
 * SweepRenderer.render(report, sweepDir);
 * }</pre>
 *
 * <p>Samples: detection and recovery time give one sample per fault; the other metrics one per
 * <em>complete</em> trial (every scenario of the trial ran), pooled over the trial's runs: false ejections
 * and their seconds summed and divided by the runs' summed minutes, availability as answered ÷ sent over
 * all the trial's requests, avoidable NHU summed.
 */
public final class SweepAnalysis {

    private static final ObjectMapper SNIPPET = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private SweepAnalysis() {
    }

    public static SweepReport analyse(SweepConfig sweep, List<SweepPoint> points, List<TrialRun> trials, long wallTimeMs) {
        Objective objective = sweep.objective();
        List<Row> rows = new ArrayList<>();
        int trialsDone = 0;
        for (SweepPoint p : points) {
            Row row = row(sweep, p, trials.stream().filter(t -> t.point() == p.index()).toList());
            trialsDone += row.completeTrials;
            rows.add(row);
        }
        List<ParetoFront.Candidate> candidates = rows.stream().map(r -> new ParetoFront.Candidate(r.point.index(),
                paretoValue(sweep, r, sweep.pareto().get(0)), paretoValue(sweep, r, sweep.pareto().get(1)))).toList();
        List<Integer> front = ParetoFront.of(candidates);

        List<Row> ranked = rows.stream().filter(r -> r.feasible() && r.objectiveValue() != null)
                .sorted(Comparator.comparingDouble((Row r) -> objective.minimise() ? r.objectiveValue() : -r.objectiveValue())
                        .thenComparingInt(r -> r.point.index()))
                .toList();
        Row best = ranked.isEmpty() ? null : ranked.get(0);
        SweepComparison comparison = null;
        if (ranked.size() >= 2) {
            Row second = ranked.get(1);
            comparison = SweepStatistics.compare(objective.metric(), objective.minimise(), best.point.index(),
                    best.samples.get(objective.metric()), second.point.index(), second.samples.get(objective.metric()));
        }
        List<SweepPointRow> out = rows.stream().map(r -> new SweepPointRow(r.point.index(), texts(r.point),
                r.summaryById(), r.objectiveValue(), r.feasible(), r.violations, front.contains(r.point.index()),
                r.bound, r.completeTrials, r.undetected)).toList();
        return new SweepReport(sweep.name(), sweep.description(), sweep.mode(), sweep.search(),
                sweep.scenarios().stream().map(SweepScenario::label).toList(), sweep.trials(), objective.toString(),
                objective.metric().id(), objective.statistic(), objective.minimise(), sweep.constraints().stream().map(Constraint::toString).toList(),
                sweep.parameters().stream().map(SweepParameter::path).toList(),
                sweep.pareto().get(0).id(), statisticOf(sweep, sweep.pareto().get(0)),
                sweep.pareto().get(1).id(), statisticOf(sweep, sweep.pareto().get(1)),
                sweep.heatmapX(), sweep.heatmapY(), objective.metric().id(), out,
                best == null ? null : best.point.index(), best == null ? null : snippet(best.point),
                recommendation(sweep, best, rows), comparison, wallTimeMs, trialsDone,
                points.size() * sweep.trials());
    }

    /** The recommended settings as a cluster config snippet, ready to paste under a cluster or gateway.config. */
    public static String snippet(SweepPoint point) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        point.settings().forEach((path, value) -> {
            String[] parts = path.split("\\.");
            ObjectNode at = root;
            for (int i = 0; i < parts.length - 1; i++) {
                at = at.with(parts[i]);
            }
            at.set(parts[parts.length - 1], value);
        });
        try {
            return SNIPPET.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String statisticOf(SweepConfig sweep, SweepMetric metric) {
        return metric == sweep.objective().metric() ? sweep.objective().statistic() : "mean";
    }

    private static Double paretoValue(SweepConfig sweep, Row r, SweepMetric metric) {
        Double v = r.summaries.get(metric).statistic(statisticOf(sweep, metric));
        return v == null ? null : metric.lowerIsBetter() ? v : -v;
    }

    private static String recommendation(SweepConfig sweep, Row best, List<Row> rows) {
        if (best == null) {
            long known = rows.stream().filter(r -> r.objectiveValue() != null).count();
            return known == 0 ? "No point has a measured " + sweep.objective().metric().id() + " yet."
                    : "No point meets every constraint (" + String.join("; ", sweep.constraints().stream()
                    .map(Constraint::toString).toList()) + "): relax a constraint or widen the parameters.";
        }
        Objective o = sweep.objective();
        MetricSummary s = best.summaries.get(o.metric());
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "Point %d (%s): %s %s %s, mean %s",
                best.point.index(), best.point.label(), o.statistic(), o.metric().id(),
                o.metric().format(best.objectiveValue()), o.metric().format(s.mean())));
        if (s.ciLow() != null) {
            b.append(String.format(Locale.ROOT, " (95%% CI %s to %s)", o.metric().format(s.ciLow()),
                    o.metric().format(s.ciHigh())));
        }
        b.append(", n = ").append(s.n());
        for (Constraint c : sweep.constraints()) {
            MetricSummary cs = best.summaries.get(c.metric());
            b.append("; ").append(c.metric().id()).append(" ").append(c.metric().format(cs.mean()));
            if (cs.ciHigh() != null) {
                b.append(String.format(Locale.ROOT, " (CI %s to %s)", c.metric().format(cs.ciLow()),
                        c.metric().format(cs.ciHigh())));
            }
            b.append(" ").append(c.comparator()).append(" ").append(c.metric().format(c.limit()));
            if (cs.ciLow() != null && !(c.holds(cs.ciLow()) && c.holds(cs.ciHigh()))) {
                b.append(" on the mean, not with 95% confidence (the interval crosses the limit: run more trials)");
            }
        }
        return b.append(". It is the best of ").append(rows.stream().filter(Row::feasible).count())
                .append(" points meeting every constraint.").toString();
    }

    private static Map<String, String> texts(SweepPoint p) {
        Map<String, String> out = new LinkedHashMap<>();
        p.settings().forEach((k, v) -> out.put(k, v.asText()));
        return out;
    }

    private static Row row(SweepConfig sweep, SweepPoint point, List<TrialRun> runs) {
        Map<SweepMetric, List<Double>> samples = new EnumMap<>(SweepMetric.class);
        for (SweepMetric m : SweepMetric.values()) {
            samples.put(m, new ArrayList<>());
        }
        Map<Integer, List<TrialRun>> byTrial = new TreeMap<>();
        runs.forEach(r -> byTrial.computeIfAbsent(r.trial(), k -> new ArrayList<>()).add(r));
        int complete = 0;
        int undetected = 0;
        List<Double> bound = null;
        for (List<TrialRun> trial : byTrial.values()) {
            if (trial.size() < sweep.scenarios().size()) {
                continue; // an interrupted trial: its runs are kept, its numbers wait for the rest
            }
            complete++;
            double minutes = 0;
            int ejections = 0;
            double ejectedSeconds = 0;
            long requests = 0;
            long answered = 0;
            Double nhu = null;
            for (TrialRun r : trial) {
                samples.get(SweepMetric.DETECTION_TIME).addAll(r.detectionMs());
                samples.get(SweepMetric.RECOVERY_TIME).addAll(r.recoveryMs());
                undetected += r.undetected();
                for (List<Double> b : r.detectionBoundMs()) {
                    bound = bound == null ? b : bound;
                }
                minutes += r.minutes();
                ejections += r.falseEjections();
                ejectedSeconds += r.falseEjectionSeconds();
                requests += r.requests();
                answered += r.availableRequests();
                if (r.avoidableNhuMs() != null) {
                    nhu = (nhu == null ? 0 : nhu) + r.avoidableNhuMs();
                }
            }
            if (minutes > 0) {
                samples.get(SweepMetric.FALSE_EJECTIONS_PER_MIN).add(ejections / minutes);
                samples.get(SweepMetric.FALSE_EJECTION_SECONDS_PER_MIN).add(ejectedSeconds / minutes);
            }
            if (requests > 0) {
                samples.get(SweepMetric.AVAILABILITY).add(100.0 * answered / requests);
            }
            if (nhu != null) {
                samples.get(SweepMetric.AVOIDABLE_NHU).add(nhu);
            }
        }
        Map<SweepMetric, double[]> arrays = new EnumMap<>(SweepMetric.class);
        Map<SweepMetric, MetricSummary> summaries = new EnumMap<>(SweepMetric.class);
        samples.forEach((m, list) -> {
            double[] a = list.stream().mapToDouble(Double::doubleValue).toArray();
            arrays.put(m, a);
            summaries.put(m, SweepStatistics.summarise(m, a));
        });
        List<String> violations = new ArrayList<>();
        for (Constraint c : sweep.constraints()) {
            Double mean = summaries.get(c.metric()).mean();
            if (mean == null) {
                violations.add(c.metric().id() + " unknown (no samples)");
            } else if (!c.holds(mean)) {
                violations.add(c.metric().id() + " " + c.metric().format(mean) + " breaks " + c.comparator() + " "
                        + c.metric().format(c.limit()));
            }
        }
        Double objectiveValue = summaries.get(sweep.objective().metric()).statistic(sweep.objective().statistic());
        return new Row(point, arrays, summaries, objectiveValue, violations, complete, undetected, bound);
    }

    /** One point while it is being analysed. */
    private record Row(SweepPoint point, Map<SweepMetric, double[]> samples, Map<SweepMetric, MetricSummary> summaries,
                       Double objectiveValue, List<String> violations, int completeTrials, int undetected,
                       List<Double> bound) {

        boolean feasible() {
            return violations.isEmpty() && completeTrials > 0;
        }

        Map<String, MetricSummary> summaryById() {
            Map<String, MetricSummary> out = new LinkedHashMap<>();
            summaries.forEach((m, s) -> out.put(m.id(), s));
            return out;
        }
    }
}
