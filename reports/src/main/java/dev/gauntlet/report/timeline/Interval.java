package dev.gauntlet.report.timeline;

/**
 * A half-open span of time {@code [startUs, endUs)} in one state, in epoch microseconds (the run's one clock).
 *
 * <pre>{@code
 * Interval down = new Interval(t0, t1, "down");
 * double seconds = down.durationUs() / 1e6;
 * double chartX = down.startSeconds(manifest.startUs());
 * }</pre>
 *
 * @param startUs inclusive start, epoch microseconds
 * @param endUs   exclusive end, epoch microseconds ({@code >= startUs})
 * @param state   what held during the span ({@code up}, {@code usable}, {@code nhu} ...)
 */
public record Interval(long startUs, long endUs, String state) {

    public Interval {
        if (endUs < startUs) {
            throw new IllegalArgumentException("interval: " + startUs + ".." + endUs + " (expected: end >= start)");
        }
    }

    public long durationUs() {
        return endUs - startUs;
    }

    /** Start in seconds since {@code originUs}: the x coordinate every chart uses. */
    public double startSeconds(long originUs) {
        return (startUs - originUs) / 1e6;
    }

    /** End in seconds since {@code originUs}. */
    public double endSeconds(long originUs) {
        return (endUs - originUs) / 1e6;
    }

    /** Total length of a list of intervals, in microseconds. */
    public static long totalUs(java.util.List<Interval> intervals) {
        return intervals.stream().mapToLong(Interval::durationUs).sum();
    }
}
