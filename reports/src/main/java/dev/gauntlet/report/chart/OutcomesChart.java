package dev.gauntlet.report.chart;

import dev.gauntlet.report.timeline.FaultWindow;
import dev.gauntlet.report.timeline.OutcomeCause;
import dev.gauntlet.report.timeline.PerSecond;
import java.awt.Color;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StackedXYBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.data.xy.DefaultTableXYDataset;
import org.jfree.data.xy.XYSeries;

/**
 * Client outcomes per second, stacked by {@link OutcomeCause}: how many requests were sent each second
 * and what became of them, with fault windows shaded. Only causes that occurred get a series, so the
 * legend lists what happened and nothing else.
 *
 * <pre>{@code
 * ChartStyle.savePng(OutcomesChart.create(perSecond, faults, manifest.startUs(), 60.0),
 *         dir.resolve("charts/outcomes.png"), ChartStyle.WIDTH, OutcomesChart.HEIGHT);
 * }</pre>
 */
public final class OutcomesChart {

    public static final int HEIGHT = 440;

    /** One colour per cause; the NHU red is kept for UH so it matches the health chart. */
    public static final Map<OutcomeCause, Color> COLORS = new EnumMap<>(Map.ofEntries(
            Map.entry(OutcomeCause.OK, ChartStyle.TRUTH_UP),
            Map.entry(OutcomeCause.BACKEND_5XX, new Color(0xFB8C00)),
            Map.entry(OutcomeCause.UH, ChartStyle.NHU),
            Map.entry(OutcomeCause.UO, new Color(0x8E24AA)),
            Map.entry(OutcomeCause.URX, new Color(0x3949AB)),
            Map.entry(OutcomeCause.UT, new Color(0x00897B)),
            Map.entry(OutcomeCause.UF, new Color(0x6D4C41)),
            Map.entry(OutcomeCause.NR, new Color(0xC0CA33)),
            Map.entry(OutcomeCause.CLIENT_TIMEOUT, new Color(0x546E7A)),
            Map.entry(OutcomeCause.CLIENT_ERROR, new Color(0x90A4AE)),
            Map.entry(OutcomeCause.OTHER, new Color(0xBDBDBD))));

    private OutcomesChart() {
    }

    public static JFreeChart create(PerSecond ps, List<FaultWindow> faults, long originUs, double durationSeconds) {
        DefaultTableXYDataset dataset = new DefaultTableXYDataset();
        StackedXYBarRenderer renderer = new StackedXYBarRenderer(0.08);
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        int index = 0;
        for (OutcomeCause cause : OutcomeCause.values()) {
            if (ps.seconds() == 0 || (cause != OutcomeCause.OK && !ps.any(cause))) {
                continue;
            }
            // A table dataset needs every series to share x values: each one gets every second.
            XYSeries s = new XYSeries(cause.label(), false, false);
            for (int sec = 0; sec < ps.seconds(); sec++) {
                s.add(sec + 0.5, ps.count(sec, cause));
            }
            dataset.addSeries(s);
            renderer.setSeriesPaint(index++, COLORS.get(cause));
        }
        if (dataset.getSeriesCount() > 0) {
            dataset.setIntervalWidth(1.0); // each bar covers its whole second [s, s+1)
        }
        NumberAxis y = new NumberAxis("requests sent per second");
        y.setUpperMargin(0.15); // headroom where fault shading and labels show above full-height bars
        ChartStyle.style(y);
        XYPlot plot = new XYPlot(dataset, ChartStyle.timeAxis(durationSeconds), y, renderer);
        ChartStyle.style(plot);
        ChartStyle.noData(plot, "no requests recorded");
        ChartStyle.markFaults(plot, faults, originUs, true);

        LegendItemCollection items = new LegendItemCollection();
        items.addAll(renderer.getLegendItems());
        ChartStyle.addOverlayLegend(items, !faults.isEmpty(), false);
        plot.setFixedLegendItems(items);
        return ChartStyle.chart("Client outcomes per second, by cause", plot, true);
    }
}
