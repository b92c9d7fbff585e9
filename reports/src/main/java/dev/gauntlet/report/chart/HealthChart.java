package dev.gauntlet.report.chart;

import dev.gauntlet.report.run.TimelineEvent;
import dev.gauntlet.report.timeline.FaultWindow;
import dev.gauntlet.report.timeline.Interval;
import dev.gauntlet.report.timeline.PerSecond;
import dev.gauntlet.report.timeline.TruthTimeline;
import dev.gauntlet.report.timeline.ViewTimeline;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The report's main picture: a health Gantt (per endpoint, a truth band and a view band), fault windows
 * shaded, NHU in red across every row, and the client success rate per second beneath it on the same
 * time axis, so a dip in success can be read straight up to the state that caused it.
 *
 * <pre>{@code
 * JFreeChart chart = HealthChart.create(truth, view, endpoints, perSecond, manifest.startUs(), 60.0);
 * ChartStyle.savePng(chart, dir.resolve("charts/health.png"), ChartStyle.WIDTH, HealthChart.height(endpoints.size()));
 * }</pre>
 *
 * <pre>
 *   api-0 · truth  ████████████░░░░░░░░░░░░████████   up / degraded / down
 *   api-0 · view   ███████████████░░░░░░░░░░░░░████   usable / unusable / unknown
 *   ...                      [ fault f0 ]  [NHU]
 *   success %      ‾‾‾‾‾‾‾‾‾‾‾‾‾\___/‾‾‾‾‾‾‾‾‾‾‾‾‾‾
 * </pre>
 */
public final class HealthChart {

    private static final double BAND = 0.32; // half-height of a band, in rows; gaps show the fault shading
    private static final int ROW_PX = 26;
    private static final int SUCCESS_PX = 220;
    private static final Color SUCCESS = new Color(0x212121); // not green: green already means "truth: up"

    // Series order fixes colours; every series always exists so a colour never shifts between runs.
    private static final String[] SERIES = {
        "truth: up", "truth: degraded", "truth: down", "truth: other",
        "view: usable", "view: unusable", "view: unknown"};
    private static final Color[] COLORS = {
        ChartStyle.TRUTH_UP, ChartStyle.TRUTH_DEGRADED, ChartStyle.TRUTH_DOWN, new Color(0x9575CD),
        ChartStyle.VIEW_USABLE, ChartStyle.VIEW_UNUSABLE, ChartStyle.VIEW_UNKNOWN};

    private HealthChart() {
    }

    /** Pixel height that gives each row {@value #ROW_PX} px and the success plot {@value #SUCCESS_PX} px. */
    public static int height(int endpoints) {
        return 190 + (2 * Math.max(1, endpoints) + 2) * ROW_PX + SUCCESS_PX;
    }

    /**
     * @param view      the gateway's view, or null when none was observed (view rows stay empty, no NHU)
     * @param endpoints row order: one truth and one view row each
     */
    public static JFreeChart create(TruthTimeline truth, ViewTimeline view, List<String> endpoints,
                                    PerSecond perSecond, long originUs, double durationSeconds) {
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(ChartStyle.timeAxis(durationSeconds));
        combined.setGap(8);
        List<Interval> nhu = view == null ? List.of() : view.nhuIntervals();
        List<FaultWindow> faults = truth.faultWindows();

        XYPlot gantt = gantt(truth, view, endpoints, originUs);
        ChartStyle.markFaults(gantt, faults, originUs, true);
        ChartStyle.markNhu(gantt, nhu, originUs, true);
        combined.add(gantt, (2 * Math.max(1, endpoints.size()) + 2) * ROW_PX);

        XYPlot success = success(perSecond);
        ChartStyle.markFaults(success, faults, originUs, false);
        ChartStyle.markNhu(success, nhu, originUs, false);
        combined.add(success, SUCCESS_PX);

        combined.setFixedLegendItems(legend(truth, endpoints, view != null, !faults.isEmpty(), !nhu.isEmpty()));
        JFreeChart chart = ChartStyle.chart("Endpoint health: truth vs gateway view, and client success", combined, true);
        if (view == null) {
            ChartStyle.subtitle(chart, "no view observed: view bands and NHU cannot be shown for this gateway");
        } else {
            ChartStyle.subtitle(chart, String.format(java.util.Locale.ROOT,
                    "NHU in the view: %.2f s in %d span(s)", view.nhuUs() / 1e6, nhu.size()));
        }
        return chart;
    }

    private static XYPlot gantt(TruthTimeline truth, ViewTimeline view, List<String> endpoints, long originUs) {
        List<XYIntervalSeries> series = new ArrayList<>();
        for (String name : SERIES) {
            series.add(new XYIntervalSeries(name));
        }
        String[] labels = new String[2 * endpoints.size()];
        for (int i = 0; i < endpoints.size(); i++) {
            String id = endpoints.get(i);
            int truthRow = 2 * i;
            int viewRow = truthRow + 1;
            String shown = id.length() > 20 ? id.substring(0, 19) + "…" : id; // must fit the fixed axis width
            labels[truthRow] = shown + " · truth";
            labels[viewRow] = shown + (view == null ? " · view: none" : " · view");
            for (Interval iv : truth.intervals(id)) {
                band(series.get(truthSeries(iv.state())), iv, truthRow, originUs);
            }
            if (view != null) {
                for (Interval iv : view.intervals(id)) {
                    int s = switch (iv.state()) {
                        case ViewTimeline.USABLE -> 4;
                        case ViewTimeline.UNUSABLE -> 5;
                        default -> 6;
                    };
                    band(series.get(s), iv, viewRow, originUs);
                }
            }
        }
        XYIntervalSeriesCollection dataset = new XYIntervalSeriesCollection();
        series.forEach(dataset::addSeries);

        SymbolAxis rows = new SymbolAxis(null, labels.length == 0 ? new String[] {"(no endpoints)"} : labels);
        rows.setInverted(true); // first endpoint on top, truth above its view
        rows.setGridBandsVisible(false);
        // A blank strip above the first row holds fault labels, one below the last holds "NHU".
        rows.setRange(-1.3, Math.max(1, labels.length) - 0.5 + 0.8);
        ChartStyle.style(rows);

        XYBarRenderer renderer = new XYBarRenderer();
        renderer.setUseYInterval(true); // bars span [yLow, yHigh]: a band in its row, not a column from zero
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        for (int i = 0; i < COLORS.length; i++) {
            renderer.setSeriesPaint(i, COLORS[i]);
        }
        XYPlot plot = new XYPlot(dataset, null, rows, renderer);
        ChartStyle.style(plot);
        plot.setDomainGridlinesVisible(true);
        plot.setRangeGridlinesVisible(false);
        return plot;
    }

    private static int truthSeries(String state) {
        if (state == null) {
            return 3;
        }
        return switch (state) {
            case TimelineEvent.UP -> 0;
            case TimelineEvent.DEGRADED -> 1;
            case TimelineEvent.DOWN -> 2;
            default -> 3;
        };
    }

    private static void band(XYIntervalSeries s, Interval iv, int row, long originUs) {
        double x0 = iv.startSeconds(originUs);
        double x1 = iv.endSeconds(originUs);
        s.add((x0 + x1) / 2, x0, x1, row, row - BAND, row + BAND);
    }

    private static XYPlot success(PerSecond ps) {
        XYSeries rate = new XYSeries("client success rate per second", false, true);
        boolean any = false;
        for (int s = 0; s < ps.seconds(); s++) {
            Double r = ps.successRate(s);
            rate.add(s + 0.5, r == null ? null : r * 100.0); // null breaks the line: no requests that second
            any |= r != null;
        }
        // An all-null series would draw an empty plot; no series at all shows the "no requests" message.
        XYSeriesCollection dataset = any ? new XYSeriesCollection(rate) : new XYSeriesCollection();
        NumberAxis y = new NumberAxis("client success (%)");
        y.setRange(0, 105);
        y.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(20));
        ChartStyle.style(y);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, SUCCESS);
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        renderer.setSeriesShape(0, new Ellipse2D.Double(-2, -2, 4, 4));
        XYPlot plot = new XYPlot(dataset, null, y, renderer);
        ChartStyle.style(plot);
        ChartStyle.noData(plot, "no requests recorded");
        return plot;
    }

    private static LegendItemCollection legend(TruthTimeline truth, List<String> endpoints, boolean viewObserved,
                                               boolean faults, boolean nhu) {
        LegendItemCollection items = new LegendItemCollection();
        boolean other = endpoints.stream().flatMap(id -> truth.intervals(id).stream())
                .anyMatch(iv -> truthSeries(iv.state()) == 3);
        for (int i = 0; i < SERIES.length; i++) {
            if ((i == 3 && !other) || (i >= 4 && !viewObserved)) {
                continue;
            }
            items.add(new LegendItem(SERIES[i], (Paint) COLORS[i]));
        }
        items.add(new LegendItem("client success rate per second", SUCCESS));
        ChartStyle.addOverlayLegend(items, faults, nhu);
        return items;
    }
}
