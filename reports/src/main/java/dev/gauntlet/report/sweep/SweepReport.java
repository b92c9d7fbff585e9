package dev.gauntlet.report.sweep;

import java.util.List;

/**
 * Everything {@code sweep.html} shows, as plain data (the reports module knows nothing of the harness):
 * saved as {@code sweep-result.json} beside the report so it can be rendered again.
 *
 * <pre>{@code
 * SweepRenderer.render(report, Path.of("runs/sweeps/20261126-120000-health-check-tuning"));
 * }</pre>
 *
 * @param objective          in words: "minimise p95 detection_time"
 * @param objectiveMetric    the metric id the objective is on
 * @param constraints        in words: "false_ejections_per_min <= 0.10 /min"
 * @param paretoX            metric on the Pareto chart's x axis (judged by {@code paretoXStatistic})
 * @param heatmapX           parameter path on the heatmap's x axis; null for no heatmap
 * @param heatmapMetric      metric id coloured on the heatmap (the objective's, by its statistic)
 * @param recommendedIndex   null when no point meets every constraint
 * @param recommendationYaml the recommended settings as a gateway cluster config snippet
 * @param comparison         null when there is no runner-up to compare with
 * @param wallTimeMs         measuring time of the sweep, summed over resumes
 */
public record SweepReport(String name, String description, String mode, String search, List<String> scenarios,
                          int trialsPerPoint, String objective, String objectiveMetric, String objectiveStatistic,
                          boolean objectiveMinimise,
                          List<String> constraints, List<String> parameters, String paretoX, String paretoXStatistic,
                          String paretoY, String paretoYStatistic, String heatmapX, String heatmapY,
                          String heatmapMetric, List<SweepPointRow> points, Integer recommendedIndex,
                          String recommendationYaml, String recommendationText, SweepComparison comparison,
                          long wallTimeMs, int trialsDone, int trialsTotal) {

    public SweepReport {
        scenarios = List.copyOf(scenarios);
        constraints = List.copyOf(constraints);
        parameters = List.copyOf(parameters);
        points = List.copyOf(points);
    }
}
