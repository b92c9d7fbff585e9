package dev.gauntlet.report.chart;

import dev.gauntlet.report.timeline.FaultWindow;
import dev.gauntlet.report.timeline.Interval;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

/**
 * The look shared by every report chart: fonts, colours, the time axis (seconds since load start),
 * fault-window shading and NHU bands, and PNG output. Keeping it here is what makes the charts of one
 * report line up and read alike.
 *
 * <pre>{@code
 * XYPlot plot = new XYPlot(dataset, ChartStyle.timeAxis(60.0), yAxis, renderer);
 * ChartStyle.markFaults(plot, truth.faultWindows(), manifest.startUs(), true);
 * ChartStyle.savePng(ChartStyle.chart("Latency", plot, true), out, ChartStyle.WIDTH, 420);
 * }</pre>
 */
public final class ChartStyle {

    /** Every chart is this wide, so their time axes line up on the page. */
    public static final int WIDTH = 1100;

    /** Width reserved for the left axis of every plot (row labels of the Gantt included). */
    public static final int LEFT_AXIS_PX = 190;

    public static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    public static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    public static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    public static final Font SMALL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    public static final Color TRUTH_UP = new Color(0x43A047);
    public static final Color TRUTH_DEGRADED = new Color(0xFBC02D);
    public static final Color TRUTH_DOWN = new Color(0x6D4C41);
    public static final Color VIEW_USABLE = new Color(0x1E88E5);
    public static final Color VIEW_UNUSABLE = new Color(0x37474F);
    public static final Color VIEW_UNKNOWN = new Color(0xCFD8DC);
    public static final Color NHU = new Color(0xE53935);
    public static final Color FAULT = new Color(0xFF9800);
    public static final Color GRID = new Color(0xDDDDDD);

    /** NHU is drawn over everything, translucent, so the bands under it stay readable. */
    public static final float NHU_ALPHA = 0.38f;
    public static final float FAULT_ALPHA = 0.16f;

    static {
        // Charts are drawn on servers and in CI: never try to open a display.
        System.setProperty("java.awt.headless", "true");
    }

    private ChartStyle() {
    }

    /** The shared x axis: seconds since load start, from 0 to the run's duration, no margins. */
    public static NumberAxis timeAxis(double durationSeconds) {
        NumberAxis axis = new NumberAxis("time since load start (s)");
        axis.setRange(0, Math.max(1.0, durationSeconds));
        axis.setLowerMargin(0);
        axis.setUpperMargin(0);
        style(axis);
        return axis;
    }

    /** Applies the label and tick fonts. */
    public static void style(org.jfree.chart.axis.Axis axis) {
        axis.setLabelFont(LABEL_FONT);
        axis.setTickLabelFont(TICK_FONT);
    }

    /**
     * White background, light grid, and a fixed-width left axis: every chart's plot area then starts at
     * the same x pixel, so the time axes of the stacked PNGs line up on the page.
     */
    public static void style(XYPlot plot) {
        // A fixed axis dimension, not a fixed AxisSpace: combined plots reset their subplots' AxisSpace.
        for (int i = 0; i < plot.getRangeAxisCount(); i++) {
            if (plot.getRangeAxis(i) != null) {
                plot.getRangeAxis(i).setFixedDimension(LEFT_AXIS_PX);
            }
        }
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setOutlinePaint(Color.GRAY);
    }

    /**
     * Shades each fault window behind the data, with dashed edges; {@code labelled} writes the fault's
     * label at its top (only on the top plot of a stack, or the labels repeat). Plots leave a strip of
     * headroom above their data so the shading and label stay visible over full-height bars.
     */
    public static void markFaults(XYPlot plot, List<FaultWindow> faults, long originUs, boolean labelled) {
        for (FaultWindow f : faults) {
            Interval iv = f.interval();
            plot.addDomainMarker(new IntervalMarker(iv.startSeconds(originUs), iv.endSeconds(originUs), FAULT,
                    new BasicStroke(1f), FAULT.darker(), dashed(), FAULT_ALPHA), Layer.BACKGROUND);
            if (labelled) {
                plot.addDomainMarker(label(iv, originUs, f.label(), FAULT.darker().darker(), SMALL_FONT,
                        RectangleAnchor.TOP_LEFT, TextAnchor.TOP_LEFT), Layer.FOREGROUND);
            }
        }
    }

    /**
     * Lays translucent red bands over the plot where the view was NHU; {@code labelled} writes "NHU" at
     * the bottom of each band (the top is where fault labels go).
     */
    public static void markNhu(XYPlot plot, List<Interval> nhu, long originUs, boolean labelled) {
        for (Interval iv : nhu) {
            plot.addDomainMarker(new IntervalMarker(iv.startSeconds(originUs), iv.endSeconds(originUs), NHU,
                    new BasicStroke(1f), null, null, NHU_ALPHA), Layer.FOREGROUND);
            if (labelled) {
                plot.addDomainMarker(label(iv, originUs, "NHU", NHU.darker(), SMALL_FONT.deriveFont(Font.BOLD),
                        RectangleAnchor.BOTTOM, TextAnchor.BOTTOM_CENTER), Layer.FOREGROUND);
            }
        }
    }

    /**
     * An invisible marker that only carries a label: a marker's alpha also fades its label, so the
     * translucent shading and its fully opaque label are two markers.
     */
    private static IntervalMarker label(Interval iv, long originUs, String text, Color paint, Font font,
                                        RectangleAnchor anchor, TextAnchor textAnchor) {
        IntervalMarker m = new IntervalMarker(iv.startSeconds(originUs), iv.endSeconds(originUs), new Color(0, 0, 0, 0),
                new BasicStroke(0f), null, null, 1f);
        m.setLabel(text);
        m.setLabelFont(font);
        m.setLabelPaint(paint);
        m.setLabelBackgroundColor(new Color(255, 255, 255, 210)); // the default grey box reads as data
        m.setLabelAnchor(anchor);
        m.setLabelTextAnchor(textAnchor);
        m.setLabelOffset(new org.jfree.chart.ui.RectangleInsets(2, 3, 2, 3));
        return m;
    }

    /** The message an empty plot shows, large enough to notice. */
    public static void noData(XYPlot plot, String message) {
        plot.setNoDataMessage(message);
        plot.setNoDataMessageFont(TITLE_FONT);
        plot.setNoDataMessagePaint(Color.GRAY);
    }

    /** Legend entries for the two overlays, to append to a plot's own. */
    public static void addOverlayLegend(LegendItemCollection items, boolean faults, boolean nhu) {
        if (faults) {
            items.add(new LegendItem("fault window", FAULT));
        }
        if (nhu) {
            items.add(new LegendItem("NHU: no usable endpoint in the view", NHU));
        }
    }

    /** A chart with our title font and the legend at the bottom. */
    public static JFreeChart chart(String title, org.jfree.chart.plot.Plot plot, boolean legend) {
        JFreeChart chart = new JFreeChart(title, TITLE_FONT, plot, legend);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        LegendTitle l = chart.getLegend();
        if (l != null) {
            l.setItemFont(LABEL_FONT);
            l.setPosition(RectangleEdge.BOTTOM);
        }
        return chart;
    }

    /** Adds a smaller second line under the title (e.g. "no view observed"). */
    public static void subtitle(JFreeChart chart, String text) {
        TextTitle t = new TextTitle(text, LABEL_FONT);
        t.setPaint(Color.DARK_GRAY);
        chart.addSubtitle(0, t);
    }

    /** Writes the chart as a PNG of exactly {@code width} × {@code height} pixels, creating directories. */
    public static void savePng(JFreeChart chart, Path file, int width, int height) {
        // ImageIO's default file cache registers a JVM shutdown hook per stream, which throws while
        // the JVM is shutting down — exactly when an aborted run renders its partial report.
        javax.imageio.ImageIO.setUseCache(false);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (var out = Files.newOutputStream(file)) {
                ChartUtils.writeChartAsPNG(out, chart, width, height);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart " + file + ": " + e.getMessage(), e);
        }
    }

    private static BasicStroke dashed() {
        return new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f);
    }
}
