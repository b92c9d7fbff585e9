package dev.gauntlet.report.chart;

import dev.gauntlet.report.timeline.FaultWindow;
import dev.gauntlet.report.timeline.PerSecond;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Client latency p50 and p99 per second (requests bucketed by the second they were sent), with fault
 * windows shaded. The y axis turns logarithmic when latencies span more than {@value #LOG_RATIO}×,
 * because one timeout at 15 s would otherwise flatten every millisecond-scale point into the floor.
 *
 * <pre>{@code
 * ChartStyle.savePng(LatencyChart.create(perSecond, faults, manifest.startUs(), 60.0),
 *         dir.resolve("charts/latency.png"), ChartStyle.WIDTH, LatencyChart.HEIGHT);
 * }</pre>
 */
public final class LatencyChart {

    public static final int HEIGHT = 420;
    static final double LOG_RATIO = 50;
    private static final double LOG_FLOOR_MS = 0.01; // a 0 ms latency cannot sit on a log axis

    private LatencyChart() {
    }

    public static JFreeChart create(PerSecond ps, List<FaultWindow> faults, long originUs, double durationSeconds) {
        XYSeries p50 = new XYSeries("p50 latency", false, true);
        XYSeries p99 = new XYSeries("p99 latency", false, true);
        double min = Double.MAX_VALUE;
        double max = 0;
        for (int s = 0; s < ps.seconds(); s++) {
            Double a = ps.p50Ms(s);
            Double b = ps.p99Ms(s);
            p50.add(s + 0.5, a);
            p99.add(s + 0.5, b);
            if (a != null) {
                min = Math.min(min, Math.max(LOG_FLOOR_MS, a));
                max = Math.max(max, b);
            }
        }
        boolean log = max > 0 && max / min > LOG_RATIO;
        if (log) {
            clampForLog(p50);
            clampForLog(p99);
        }
        XYSeriesCollection dataset = new XYSeriesCollection();
        if (min != Double.MAX_VALUE) { // only when some second had requests, so "no data" shows otherwise
            dataset.addSeries(p50);
            dataset.addSeries(p99);
        }
        ValueAxis y = yAxis(log);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setSeriesPaint(0, new Color(0x1E88E5));
        renderer.setSeriesPaint(1, new Color(0xD81B60));
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        renderer.setSeriesStroke(1, new BasicStroke(2f));
        XYPlot plot = new XYPlot(dataset, ChartStyle.timeAxis(durationSeconds), y, renderer);
        ChartStyle.style(plot);
        ChartStyle.noData(plot, "no requests recorded");
        ChartStyle.markFaults(plot, faults, originUs, true);

        LegendItemCollection items = new LegendItemCollection();
        items.addAll(renderer.getLegendItems());
        ChartStyle.addOverlayLegend(items, !faults.isEmpty(), false);
        plot.setFixedLegendItems(items);
        JFreeChart chart = ChartStyle.chart("Client latency per second (p50, p99)", plot, true);
        if (log) {
            ChartStyle.subtitle(chart, "logarithmic latency axis: latencies span more than "
                    + (int) LOG_RATIO + "×");
        }
        return chart;
    }

    private static ValueAxis yAxis(boolean log) {
        if (log) {
            LogAxis axis = new LogAxis("latency (ms, log scale)");
            axis.setSmallestValue(LOG_FLOOR_MS);
            axis.setNumberFormatOverride(new java.text.DecimalFormat("#,##0.##"));
            // One tick per power of ten: the default picks half powers and prints "316.23".
            axis.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1.0), false, true);
            axis.setUpperMargin(0.15);
            ChartStyle.style(axis);
            return axis;
        }
        NumberAxis axis = new NumberAxis("latency (ms)");
        axis.setAutoRangeIncludesZero(true);
        axis.setUpperMargin(0.15);
        ChartStyle.style(axis);
        return axis;
    }

    private static void clampForLog(XYSeries s) {
        for (int i = 0; i < s.getItemCount(); i++) {
            Number y = s.getY(i);
            if (y != null && y.doubleValue() < LOG_FLOOR_MS) {
                s.updateByIndex(i, LOG_FLOOR_MS);
            }
        }
    }
}
