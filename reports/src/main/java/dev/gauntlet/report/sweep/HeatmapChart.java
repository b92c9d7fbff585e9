package dev.gauntlet.report.sweep;

import dev.gauntlet.report.chart.ChartStyle;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * The objective over two chosen parameters: one cell per pair of values, coloured from best (green) to
 * worst (red) and labelled with its value; a cell where several points meet (more than two parameters) shows
 * their average. Points breaking a constraint are marked with a ✕ after the value.
 *
 * <pre>{@code
 * ChartStyle.savePng(HeatmapChart.create(report), dir.resolve("charts/heatmap.png"), 900, HeatmapChart.HEIGHT);
 * }</pre>
 */
public final class HeatmapChart {

    public static final int WIDTH = 900;
    public static final int HEIGHT = 560;

    private HeatmapChart() {
    }

    public static JFreeChart create(SweepReport r) {
        List<String> xs = distinct(r, r.heatmapX());
        List<String> ys = distinct(r, r.heatmapY());
        Map<String, double[]> cells = new LinkedHashMap<>(); // "x|y" → [sum, count, infeasible]
        for (SweepPointRow p : r.points()) {
            MetricSummary s = p.metrics().get(r.heatmapMetric());
            Double v = s == null ? null : s.statistic(r.objectiveStatistic());
            if (v == null) {
                continue;
            }
            double[] c = cells.computeIfAbsent(p.settings().get(r.heatmapX()) + "|" + p.settings().get(r.heatmapY()),
                    k -> new double[3]);
            c[0] += v;
            c[1]++;
            c[2] += p.feasible() ? 0 : 1;
        }
        List<double[]> xyz = new ArrayList<>();
        XYPlot plot = new XYPlot();
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int i = 0; i < xs.size(); i++) {
            for (int j = 0; j < ys.size(); j++) {
                double[] c = cells.get(xs.get(i) + "|" + ys.get(j));
                if (c == null) {
                    continue;
                }
                double mean = c[0] / c[1];
                xyz.add(new double[] {i, j, mean});
                min = Math.min(min, mean);
                max = Math.max(max, mean);
                XYTextAnnotation label = new XYTextAnnotation(String.format(Locale.ROOT, "%.4g", mean)
                        + (c[2] > 0 ? " ✕" : ""), i, j);
                label.setFont(ChartStyle.LABEL_FONT.deriveFont(java.awt.Font.BOLD));
                plot.addAnnotation(label);
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        double[][] series = new double[3][xyz.size()];
        for (int k = 0; k < xyz.size(); k++) {
            for (int d = 0; d < 3; d++) {
                series[d][k] = xyz.get(k)[d];
            }
        }
        data.addSeries(r.heatmapMetric(), series);
        boolean lowerIsBetter = r.objectiveMinimise();
        PaintScale scale = new GoodBadScale(xyz.isEmpty() ? 0 : min, xyz.isEmpty() ? 1 : max, lowerIsBetter);
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(scale);
        SymbolAxis xAxis = new SymbolAxis(r.heatmapX(), xs.toArray(String[]::new));
        SymbolAxis yAxis = new SymbolAxis(r.heatmapY(), ys.toArray(String[]::new));
        xAxis.setGridBandsVisible(false);
        yAxis.setGridBandsVisible(false);
        ChartStyle.style(xAxis);
        ChartStyle.style(yAxis);
        plot.setDataset(data);
        plot.setRenderer(renderer);
        plot.setDomainAxis(xAxis);
        plot.setRangeAxis(yAxis);
        plot.setBackgroundPaint(Color.WHITE);
        String metric = r.objectiveStatistic() + " " + r.heatmapMetric();
        String unit = ParetoChart.unit(r, r.heatmapMetric());
        JFreeChart chart = ChartStyle.chart(metric + " by " + r.heatmapX() + " and " + r.heatmapY(), plot, false);
        NumberAxis scaleAxis = new NumberAxis(metric + (unit == null ? "" : " (" + unit + ")"));
        ChartStyle.style(scaleAxis);
        PaintScaleLegend legend = new PaintScaleLegend(scale, scaleAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(4, 8, 4, 8);
        legend.setStripWidth(18);
        chart.addSubtitle(legend);
        ChartStyle.subtitle(chart, "green is better; ✕ marks a cell whose point breaks a constraint");
        return chart;
    }

    /** The values of a parameter in first-seen order, sorted numerically when they all read as numbers. */
    static List<String> distinct(SweepReport r, String path) {
        List<String> out = new ArrayList<>();
        r.points().forEach(p -> {
            String v = p.settings().get(path);
            if (v != null && !out.contains(v)) {
                out.add(v);
            }
        });
        out.sort(java.util.Comparator.comparingDouble(HeatmapChart::sortKey));
        return out;
    }

    private static double sortKey(String v) {
        String t = v.trim();
        try {
            if (t.endsWith("ms")) {
                return Double.parseDouble(t.substring(0, t.length() - 2));
            }
            if (t.endsWith("s")) {
                return Double.parseDouble(t.substring(0, t.length() - 1)) * 1000;
            }
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return Double.MAX_VALUE;
        }
    }

    /** Green at the good end of [low, high], through yellow, to red at the bad end. */
    private record GoodBadScale(double low, double high, boolean lowerIsBetter) implements PaintScale {

        @Override
        public double getLowerBound() {
            return low;
        }

        @Override
        public double getUpperBound() {
            return high > low ? high : low + 1;
        }

        @Override
        public java.awt.Paint getPaint(double value) {
            double f = high > low ? (value - low) / (high - low) : 0;
            f = Math.max(0, Math.min(1, lowerIsBetter ? f : 1 - f));
            float hue = (float) ((1 - f) * 120 / 360.0); // 120° green → 0° red
            return Color.getHSBColor(hue, 0.55f, 0.95f);
        }
    }
}
