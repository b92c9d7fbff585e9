package dev.gauntlet.report.sweep;

import dev.gauntlet.report.chart.ChartStyle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes {@code sweep.html} with its PNGs ({@code charts/pareto.png}, {@code charts/heatmap.png}): the
 * recommendation first (text, margin of confidence, a ready-to-paste config snippet), then the trade-off
 * chart, the heatmap, and a table of every point with mean ± 95% interval and the predicted detection bound
 * beside each measured detection time.
 *
 * <pre>{@code
 * Path html = SweepRenderer.render(report, Path.of("runs/sweeps/20261126-120000-health-check-tuning"));
 * }</pre>
 */
public final class SweepRenderer {

    public static final String HTML = "sweep.html";
    private static final List<String> COLUMNS = List.of("detection_time", "recovery_time", "false_ejections_per_min",
            "false_ejection_seconds_per_min", "availability", "avoidable_nhu");

    private SweepRenderer() {
    }

    public static Path render(SweepReport r, Path dir) {
        boolean heatmap = r.heatmapX() != null && r.heatmapY() != null;
        ChartStyle.savePng(ParetoChart.create(r), dir.resolve("charts/pareto.png"), ParetoChart.WIDTH, ParetoChart.HEIGHT);
        if (heatmap) {
            ChartStyle.savePng(HeatmapChart.create(r), dir.resolve("charts/heatmap.png"), HeatmapChart.WIDTH,
                    HeatmapChart.HEIGHT);
        }
        StringBuilder h = new StringBuilder();
        h.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>sweep ").append(esc(r.name()))
                .append("</title><style>").append(CSS).append("</style></head><body>");
        h.append("<h1>Sweep: ").append(esc(r.name())).append("</h1><p>").append(esc(r.description())).append("</p>");
        h.append("<p class=\"meta\">").append(r.points().size()).append(" points (").append(esc(r.search()))
                .append(" search) × ").append(r.trialsPerPoint()).append(" trials × scenarios ")
                .append(esc(String.join(", ", r.scenarios()))).append("; mode ").append(esc(r.mode()))
                .append("; ").append(r.trialsDone()).append("/").append(r.trialsTotal()).append(" point-trials done; ")
                .append("wall time ").append(r.wallTimeMs() / 60_000).append(" min ")
                .append(r.wallTimeMs() / 1000 % 60).append(" s.</p>");
        h.append("<p class=\"meta\">Objective: <b>").append(esc(r.objective())).append("</b>. Constraints (on the point's mean): ")
                .append(r.constraints().isEmpty() ? "none" : esc(String.join("; ", r.constraints()))).append(".</p>");

        h.append("<h2>Recommendation</h2>");
        h.append("<p class=\"").append(r.recommendedIndex() == null ? "bad" : "good").append("\">")
                .append(esc(r.recommendationText())).append("</p>");
        if (r.comparison() != null) {
            h.append("<p>Margin of confidence: ").append(esc(r.comparison().statement())).append(".</p>");
        }
        if (r.recommendationYaml() != null) {
            h.append("<p>Gateway cluster config (paste under the cluster, or under a scenario's <code>gateway.config</code>):</p><pre>")
                    .append(esc(r.recommendationYaml())).append("</pre>");
        }
        h.append("<h2>Trade-off</h2><img src=\"charts/pareto.png\" alt=\"Pareto chart\">");
        if (heatmap) {
            h.append("<h2>Heatmap</h2><img src=\"charts/heatmap.png\" alt=\"heatmap\">");
        }
        h.append("<h2>All points</h2><p class=\"meta\">Each cell: mean [95% t-interval] (n). Detection and recovery: one sample per fault; "
                + "the rest: one per trial. Detection time shows the bound predicted from the point's settings beside it.</p>");
        h.append(table(r));
        h.append("<p class=\"meta\">Comparison test: ").append(r.comparison() == null ? "none (fewer than two points meet the constraints)"
                : esc(r.comparison().test())).append(". Trial run directories are under <code>trials/</code>; the state is in "
                + "<code>sweep.json</code>, these numbers in <code>sweep-result.json</code>.</p>");
        h.append("</body></html>");
        Path html = dir.resolve(HTML);
        try {
            Files.writeString(html, h.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return html;
    }

    private static String table(SweepReport r) {
        StringBuilder t = new StringBuilder("<table><tr><th>#</th>");
        r.parameters().forEach(p -> t.append("<th>").append(esc(p)).append("</th>"));
        t.append("<th>").append(esc(r.objectiveStatistic() + " " + r.objectiveMetric())).append("</th>");
        COLUMNS.forEach(c -> t.append("<th>").append(esc(c)).append("</th>"));
        t.append("<th>trials</th><th>constraints</th><th>front</th></tr>");
        for (SweepPointRow p : r.points()) {
            boolean recommended = r.recommendedIndex() != null && r.recommendedIndex() == p.index();
            t.append("<tr class=\"").append(recommended ? "rec" : p.feasible() ? "" : "infeasible").append("\"><td>")
                    .append(p.index()).append(recommended ? " ★" : "").append("</td>");
            r.parameters().forEach(par -> t.append("<td>").append(esc(p.settings().getOrDefault(par, ""))).append("</td>"));
            MetricSummary objective = p.metrics().get(r.objectiveMetric());
            t.append("<td>").append(p.objectiveValue() == null ? "–" : number(p.objectiveValue(), objective.unit()))
                    .append("</td>");
            for (String c : COLUMNS) {
                t.append("<td>").append(cell(p.metrics().get(c)));
                if ("detection_time".equals(c)) {
                    t.append("<br><span class=\"bound\">bound ").append(bound(p.detectionBoundMs())).append("</span>");
                    if (p.undetected() > 0) {
                        t.append("<br><span class=\"bad\">").append(p.undetected()).append(" never detected</span>");
                    }
                }
                t.append("</td>");
            }
            t.append("<td>").append(p.trials()).append("</td><td>")
                    .append(p.violations().isEmpty() ? "met" : esc(String.join("; ", p.violations())))
                    .append("</td><td>").append(p.onFront() ? "yes" : "").append("</td></tr>");
        }
        return t.append("</table>").toString();
    }

    static String cell(MetricSummary s) {
        if (s == null || s.mean() == null) {
            return "–";
        }
        String out = number(s.mean(), s.unit());
        if (s.ciLow() != null) {
            out += " [" + number(s.ciLow(), null) + ", " + number(s.ciHigh(), null) + "]";
        }
        return esc(out + " (" + s.n() + ")");
    }

    static String bound(List<Double> b) {
        return b == null || b.size() < 2 ? "none" : String.format(Locale.ROOT, "%.0f–%.0f ms", b.get(0), b.get(1));
    }

    static String number(double v, String unit) {
        String n = Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v)
                : "%".equals(unit) ? String.format(Locale.ROOT, "%.3f", v) : String.format(Locale.ROOT, "%.3g", v);
        return unit == null ? n : n + " " + unit;
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static final String CSS = "body{font-family:sans-serif;margin:24px;max-width:1400px;color:#222}"
            + "table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right;"
            + "vertical-align:top}th{background:#f3f3f3}tr.rec{background:#e8f5e9;font-weight:bold}tr.infeasible{color:#888}"
            + "pre{background:#f6f8fa;padding:12px;border:1px solid #ddd;display:inline-block;min-width:320px}"
            + ".meta{color:#555}.good{color:#2e7d32;font-weight:bold}.bad{color:#c62828}.bound{color:#777;font-size:12px}"
            + "img{max-width:100%;border:1px solid #eee}";
}
