package dev.gauntlet.report.compare;

import dev.gauntlet.report.chart.ChartStyle;
import dev.gauntlet.report.chart.HealthChart;
import dev.gauntlet.report.chart.LatencyChart;
import dev.gauntlet.report.chart.OutcomesChart;
import dev.gauntlet.report.run.CheckResult;
import dev.gauntlet.report.run.Result;
import dev.gauntlet.report.run.RunDirectory;
import dev.gauntlet.report.text.Display;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

/**
 * Renders two run directories side by side into one self-contained HTML file (charts embedded as PNG data):
 * both verdicts and scores, a metrics table with B − A and whether B is better or worse, the checks of each,
 * then the same three charts for each run on one shared time axis (health Gantt with client success, outcomes
 * by cause, latency).
 *
 * <pre>{@code
 * Path html = CompareRenderer.render(new RunDirectory(Path.of("runs/20261126-101500-one-of-three-crashes")),
 *         new RunDirectory(Path.of("runs/20261126-103000-one-of-three-crashes")),
 *         Path.of("runs/compare-20261126-101500-vs-20261126-103000.html"));
 * }</pre>
 *
 * Reads only the two directories; a run without result.json or without a view is shown with unknowns, not
 * refused. Throws {@link UncheckedIOException} when a run.json is missing or the file cannot be written.
 */
public final class CompareRenderer {

    private CompareRenderer() {
    }

    /** The default file name: {@code compare-<a>-vs-<b>.html}. */
    public static String fileName(RunDirectory a, RunDirectory b) {
        return "compare-" + a.root().getFileName() + "-vs-" + b.root().getFileName() + ".html";
    }

    public static Path render(RunDirectory a, RunDirectory b, Path html) {
        System.setProperty("java.awt.headless", "true"); // before any AWT class loads
        RunSide sa = RunSide.load("A", a);
        RunSide sb = RunSide.load("B", b);
        double duration = Math.max(sa.durationSeconds(), sb.durationSeconds()); // one time axis for both
        int seconds = (int) Math.ceil(duration);

        StringBuilder body = new StringBuilder(65_536);
        body.append("<h1>Comparison: ").append(esc(Display.text(sa.manifest().scenario())));
        if (!String.valueOf(sa.manifest().scenario()).equals(String.valueOf(sb.manifest().scenario()))) {
            body.append(" vs ").append(esc(Display.text(sb.manifest().scenario())));
        }
        body.append("</h1>\n<table class=\"sides\">\n<tr><th></th><th>").append(esc(sa.label())).append("</th><th>")
                .append(esc(sb.label())).append("</th></tr>\n");
        sideRow(body, "verdict", sa, sb, s -> s.result() == null ? badge(null) : badge(s.result().verdict()));
        sideRow(body, "score", sa, sb, s -> esc(s.result() == null ? Display.UNKNOWN : Display.score(s.result().score())));
        sideRow(body, "gateway / load", sa, sb, s -> esc(Display.text(s.manifest().gatewayKind()) + " in "
                + s.manifest().runtime() + " · "
                + Display.seconds(s.durationSeconds()) + " · " + s.requests().size() + " requests"
                + (s.manifest().aborted() ? " · aborted" : "")));
        sideRow(body, "not scored", sa, sb, s -> esc(s.resultProblem() == null ? "" : s.resultProblem()));
        body.append("</table>\n");

        body.append("<h2 id=\"metrics\">Metrics (difference = B − A)</h2>\n<table class=\"metrics\">\n")
                .append("<tr><th>metric</th><th>A</th><th>B</th><th>B − A</th><th>B is</th></tr>\n");
        for (MetricRow row : MetricRow.rows(sa.result(), sb.result())) {
            Double d = row.difference();
            body.append("<tr><td>").append(esc(row.name())).append("</td>").append(num(row.unit().show(row.a())))
                    .append(num(row.unit().show(row.b()))).append(num(d == null ? Display.UNKNOWN : row.unit().showDifference(d)))
                    .append("<td class=\"").append(row.judgement()).append("\">").append(row.judgement())
                    .append("</td></tr>\n");
        }
        body.append("</table>\n");
        checks(body, sa.result(), sb.result());

        body.append("<h2 id=\"health\">Endpoint health and client success</h2>\n");
        pair(body, sa, sb, s -> HealthChart.create(s.truth(), s.view(), s.endpoints(), s.perSecond(seconds),
                s.manifest().startUs(), duration), s -> HealthChart.height(s.endpoints().size()), "health Gantt");
        body.append("<h2 id=\"outcomes\">Client outcomes</h2>\n");
        pair(body, sa, sb, s -> OutcomesChart.create(s.perSecond(seconds), s.truth().faultWindows(),
                s.manifest().startUs(), duration), s -> OutcomesChart.HEIGHT, "outcomes per second by cause");
        body.append("<h2 id=\"latency\">Latency</h2>\n");
        pair(body, sa, sb, s -> LatencyChart.create(s.perSecond(seconds), s.truth().faultWindows(),
                s.manifest().startUs(), duration), s -> LatencyChart.HEIGHT, "latency p50 and p99 per second");

        String page = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>"
                + esc(sa.manifest().runId() + " vs " + sb.manifest().runId()) + " — Gauntlet</title>\n<style>\n"
                + css() + ".pair { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }\n"
                + "td.better { color: #2e7d32; font-weight: 600; } td.worse { color: #c62828; font-weight: 600; }\n"
                + "td.same, td.unknown { color: #777; }\nmain { max-width: 1500px; }\n</style>\n</head>\n<body>\n<main>\n"
                + body + "<footer>Generated by Gauntlet from " + esc(String.valueOf(a.root().getFileName())) + " and "
                + esc(String.valueOf(b.root().getFileName())) + ". Charts share one time axis: seconds since each run's"
                + " load start.</footer>\n</main>\n</body>\n</html>\n";
        write(html, page);
        return html;
    }

    private static void sideRow(StringBuilder out, String name, RunSide a, RunSide b, Function<RunSide, String> cell) {
        out.append("<tr><th>").append(esc(name)).append("</th><td>").append(cell.apply(a)).append("</td><td>")
                .append(cell.apply(b)).append("</td></tr>\n");
    }

    private static void checks(StringBuilder out, Result a, Result b) {
        out.append("<h2 id=\"checks\">Checks</h2>\n");
        Set<String> names = new LinkedHashSet<>();
        for (Result r : List.of(a == null ? empty() : a, b == null ? empty() : b)) {
            r.checks().forEach(c -> names.add(c.name()));
        }
        if (names.isEmpty()) {
            out.append("<p class=\"unknown\">Neither run has checks.</p>\n");
            return;
        }
        out.append("<table class=\"checks\">\n<tr><th>check</th><th>A</th><th>B</th></tr>\n");
        for (String name : names) {
            out.append("<tr><td>").append(esc(name)).append("</td><td>").append(check(a, name)).append("</td><td>")
                    .append(check(b, name)).append("</td></tr>\n");
        }
        out.append("</table>\n");
    }

    private static String check(Result r, String name) {
        CheckResult c = r == null ? null : r.checks().stream().filter(x -> name.equals(x.name())).findFirst().orElse(null);
        if (c == null) {
            return "<span class=\"unknown\">not checked</span>";
        }
        return badge(c.verdict()) + " " + esc(Display.text(c.measured())) + " <span class=\"meta\">(expected "
                + esc(Display.text(c.expected())) + ")</span>";
    }

    private static Result empty() {
        return new Result(null, null, Result.UNKNOWN, null, null, List.of(), null, List.of());
    }

    private static void pair(StringBuilder out, RunSide a, RunSide b, Function<RunSide, JFreeChart> chart,
                             Function<RunSide, Integer> height, String what) {
        int h = Math.max(height.apply(a), height.apply(b));
        out.append("<div class=\"pair\">\n");
        for (RunSide s : List.of(a, b)) {
            out.append("<figure><img src=\"data:image/png;base64,").append(png(chart.apply(s), h))
                    .append("\" alt=\"").append(esc(what + " of " + s.label())).append("\"><figcaption>")
                    .append(esc(s.label())).append("</figcaption></figure>\n");
        }
        out.append("</div>\n");
    }

    private static String png(JFreeChart chart, int height) {
        javax.imageio.ImageIO.setUseCache(false);
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            ChartUtils.writeChartAsPNG(bytes, chart, ChartStyle.WIDTH, height);
            return Base64.getEncoder().encodeToString(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw a chart: " + e.getMessage(), e);
        }
    }

    private static String num(String text) {
        return "<td class=\"num\">" + esc(text) + "</td>";
    }

    private static String badge(String verdict) {
        String v = Display.verdict(verdict);
        return "<span class=\"badge " + v + "\">" + v + "</span>";
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    /** The run report's stylesheet, so both pages look alike. */
    private static String css() {
        try (InputStream in = CompareRenderer.class.getResourceAsStream("/dev/gauntlet/report/html/report.css")) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return ""; // an unstyled comparison is still a comparison
        }
    }

    private static void write(Path file, String html) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = parent.resolve(file.getFileName() + ".tmp");
            Files.writeString(tmp, html, StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
