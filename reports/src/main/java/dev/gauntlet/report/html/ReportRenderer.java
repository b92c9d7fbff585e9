package dev.gauntlet.report.html;

import static dev.gauntlet.report.html.Html.esc;

import dev.gauntlet.report.chart.ChartStyle;
import dev.gauntlet.report.chart.HealthChart;
import dev.gauntlet.report.chart.LatencyChart;
import dev.gauntlet.report.chart.OutcomesChart;
import dev.gauntlet.report.run.RunDirectory;
import dev.gauntlet.report.text.Display;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.jfree.chart.JFreeChart;

/**
 * Renders a run directory into one self-contained {@code report.html} with its PNG charts beside it
 * ({@code charts/health.png}, {@code charts/outcomes.png}, {@code charts/latency.png}). Reads only the
 * run directory, so {@code ./run.sh report runs/<id>} can render again at any time.
 *
 * <pre>{@code
 * Path report = ReportRenderer.render(new RunDirectory(Path.of("runs/20261126-101500-one-of-three-crashes")));
 * System.out.println("report: " + report.toUri());
 * }</pre>
 *
 * <p>Page, top to bottom: summary (scenario, verdict, score and its formula, avoidable NHU, worst
 * detection vs bound, fault-phase availability); checks; health Gantt (truth and view per endpoint,
 * faults shaded, NHU red) over the client success rate; outcomes by cause; latency p50/p99; faults;
 * metrics per phase; links to the raw files. Works for aborted runs, runs with no view, no requests,
 * no {@code result.json}, or null metrics: what is not known is shown as unknown, never invented.
 * Charts are drawn headless. Not thread-safe for two renders of the same directory at once.
 */
public final class ReportRenderer {

    /** Charts are written here, relative to the run directory. */
    public static final String CHARTS_DIR = "charts";

    private ReportRenderer() {
    }

    /**
     * Writes {@code report.html} and its charts into the run directory.
     *
     * @return the path of {@code report.html}
     * @throws UncheckedIOException when {@code run.json} is missing or a file cannot be written
     */
    public static Path render(RunDirectory dir) {
        System.setProperty("java.awt.headless", "true"); // before any AWT class loads
        ReportData d = ReportData.load(dir);
        long origin = d.manifest().startUs();
        double duration = d.durationSeconds();

        int healthHeight = HealthChart.height(d.endpoints().size());
        JFreeChart health = HealthChart.create(d.truth(), d.view(), d.endpoints(), d.perSecond(), origin, duration);
        JFreeChart outcomes = OutcomesChart.create(d.perSecond(), d.truth().faultWindows(), origin, duration);
        JFreeChart latency = LatencyChart.create(d.perSecond(), d.truth().faultWindows(), origin, duration);

        StringBuilder body = new StringBuilder(32_768);
        SummarySection.write(body, d);
        body.append("<h2 id=\"health\">Endpoint health and client success</h2>\n");
        figure(body, dir, "health.png", health, healthHeight,
                "Health Gantt: per endpoint, truth (what the harness did) above the gateway's view",
                "Per endpoint, the upper band is the truth (up / degraded / down) from timeline.jsonl and the lower"
                        + " band the gateway's view (usable / unusable) from view.jsonl. Orange shading: fault windows."
                        + " Red across all rows: NHU, every endpoint unusable in the view. Below, on the same time"
                        + " axis, the share of client requests sent in each second that succeeded."
                        + (d.view() == null ? " No view was observed for this run: the view rows are empty and no"
                        + " NHU span is drawn." : ""));
        body.append("<h2 id=\"outcomes\">Client outcomes</h2>\n");
        figure(body, dir, "outcomes.png", outcomes, OutcomesChart.HEIGHT,
                "Client outcomes per second stacked by cause",
                "Requests by the second they were sent in, stacked by cause: ok (2xx/3xx), the gateway's flag"
                        + " (UH no healthy upstream, UO overflow, UF connect failure, UT upstream timeout, URX retries"
                        + " exhausted, NR no route), backend 5xx, or a client-side timeout/error (no response).");
        body.append("<h2 id=\"latency\">Latency</h2>\n");
        figure(body, dir, "latency.png", latency, LatencyChart.HEIGHT, "Client latency p50 and p99 per second",
                "Nearest-rank p50 and p99 of the latencies of the requests sent in each second.");
        DetailSections.faults(body, d);
        DetailSections.phases(body, d);
        DetailSections.links(body, d);

        String html = page(d, body);
        Path report = dir.file(RunDirectory.REPORT);
        write(report, html);
        return report;
    }

    private static void figure(StringBuilder out, RunDirectory dir, String name, JFreeChart chart, int height,
                               String alt, String caption) {
        ChartStyle.savePng(chart, dir.root().resolve(CHARTS_DIR).resolve(name), ChartStyle.WIDTH, height);
        out.append("<figure><img src=\"").append(CHARTS_DIR).append('/').append(name)
                .append("\" width=\"").append(ChartStyle.WIDTH).append("\" height=\"").append(height)
                .append("\" alt=\"").append(esc(alt)).append("\"><figcaption>").append(esc(caption))
                .append("</figcaption></figure>\n");
    }

    private static String page(ReportData d, StringBuilder body) {
        String verdict = d.result() == null ? Display.UNKNOWN : Display.verdict(d.result().verdict());
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + esc(Display.text(d.manifest().scenario())) + " — " + verdict + " — Gauntlet</title>\n"
                + "<style>\n" + css() + "</style>\n</head>\n<body>\n<main>\n" + body
                + "<footer>Generated by Gauntlet from " + esc(d.dir().root().getFileName() == null ? ""
                : d.dir().root().getFileName().toString()) + ". Times are seconds since load start.</footer>\n"
                + "</main>\n</body>\n</html>\n";
    }

    private static String css() {
        try (InputStream in = ReportRenderer.class.getResourceAsStream("report.css")) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return ""; // an unstyled report is still a report
        }
    }

    private static void write(Path file, String html) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, html, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
