package dev.gauntlet.report.sweep;

import dev.gauntlet.report.chart.ChartStyle;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.Comparator;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The trade-off of a sweep: every point by the report's two metrics (x: detection time by the objective's
 * statistic, y: mean false ejections per minute, by default), the Pareto front joined by a line, points
 * breaking a constraint hollow grey, the recommended point ringed. Each point carries its index, the key
 * into the table.
 *
 * <pre>{@code
 * ChartStyle.savePng(ParetoChart.create(report), dir.resolve("charts/pareto.png"), 900, ParetoChart.HEIGHT);
 * }</pre>
 */
public final class ParetoChart {

    public static final int WIDTH = 900;
    public static final int HEIGHT = 560;
    private static final Color FRONT = new Color(0xD81B60);
    private static final Color FEASIBLE = ChartStyle.VIEW_USABLE;
    private static final Color INFEASIBLE = new Color(0x9E9E9E);
    private static final Color RECOMMENDED = ChartStyle.TRUTH_UP;

    private ParetoChart() {
    }

    public static JFreeChart create(SweepReport r) {
        XYSeries front = new XYSeries("Pareto front", true, true);
        XYSeries feasible = new XYSeries("meets every constraint", false, true);
        XYSeries infeasible = new XYSeries("breaks a constraint", false, true);
        XYSeries recommended = new XYSeries("recommended", false, true);
        XYPlot plot = new XYPlot();
        List<SweepPointRow> plotted = r.points().stream().filter(p -> x(r, p) != null && y(r, p) != null)
                .sorted(Comparator.comparingDouble(p -> x(r, p))).toList();
        for (SweepPointRow p : plotted) {
            double x = x(r, p);
            double y = y(r, p);
            if (p.onFront()) {
                front.add(x, y);
            }
            (p.feasible() ? feasible : infeasible).add(x, y);
            if (r.recommendedIndex() != null && r.recommendedIndex() == p.index()) {
                recommended.add(x, y);
            }
            XYTextAnnotation label = new XYTextAnnotation("  " + p.index(), x, y);
            label.setFont(ChartStyle.SMALL_FONT);
            label.setTextAnchor(TextAnchor.BOTTOM_LEFT);
            plot.addAnnotation(label);
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(front);
        data.addSeries(feasible);
        data.addSeries(infeasible);
        data.addSeries(recommended);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
        renderer.setSeriesLinesVisible(0, true);
        renderer.setSeriesShapesVisible(0, false);
        renderer.setSeriesPaint(0, FRONT);
        renderer.setSeriesStroke(0, new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f,
                new float[] {6f, 4f}, 0f));
        style(renderer, 1, FEASIBLE, new Ellipse2D.Double(-5, -5, 10, 10), true);
        style(renderer, 2, INFEASIBLE, new Rectangle2D.Double(-5, -5, 10, 10), false);
        style(renderer, 3, RECOMMENDED, new Ellipse2D.Double(-10, -10, 20, 20), false);
        renderer.setSeriesStroke(3, new BasicStroke(3f));
        plot.setDataset(data);
        plot.setRenderer(renderer);
        NumberAxis xAxis = new NumberAxis(axisLabel(r.paretoXStatistic(), r.paretoX(), unit(r, r.paretoX())));
        NumberAxis yAxis = new NumberAxis(axisLabel(r.paretoYStatistic(), r.paretoY(), unit(r, r.paretoY())));
        xAxis.setAutoRangeIncludesZero(false);
        yAxis.setAutoRangeIncludesZero(true);
        ChartStyle.style(xAxis);
        ChartStyle.style(yAxis);
        plot.setDomainAxis(xAxis);
        plot.setRangeAxis(yAxis);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(ChartStyle.GRID);
        plot.setRangeGridlinePaint(ChartStyle.GRID);
        ChartStyle.noData(plot, "no point has both metrics yet");
        JFreeChart chart = ChartStyle.chart("Trade-off: " + r.paretoX() + " against " + r.paretoY(), plot, true);
        ChartStyle.subtitle(chart, "each mark is one point (its number is the table's #); lower-left is better; "
                + "the dashed line joins the Pareto front");
        return chart;
    }

    private static void style(XYLineAndShapeRenderer renderer, int series, Color color, java.awt.Shape shape,
                              boolean filled) {
        renderer.setSeriesLinesVisible(series, false);
        renderer.setSeriesShapesVisible(series, true);
        renderer.setSeriesShape(series, shape);
        renderer.setSeriesPaint(series, color);
        renderer.setSeriesShapesFilled(series, filled);
    }

    static String axisLabel(String statistic, String metric, String unit) {
        return statistic + " " + metric + (unit == null ? "" : " (" + unit + ")");
    }

    static String unit(SweepReport r, String metric) {
        return r.points().stream().map(p -> p.metrics().get(metric)).filter(java.util.Objects::nonNull)
                .map(MetricSummary::unit).findFirst().orElse(null);
    }

    static Double x(SweepReport r, SweepPointRow p) {
        MetricSummary s = p.metrics().get(r.paretoX());
        return s == null ? null : s.statistic(r.paretoXStatistic());
    }

    static Double y(SweepReport r, SweepPointRow p) {
        MetricSummary s = p.metrics().get(r.paretoY());
        return s == null ? null : s.statistic(r.paretoYStatistic());
    }
}
