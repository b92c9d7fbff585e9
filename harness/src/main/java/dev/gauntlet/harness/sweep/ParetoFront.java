package dev.gauntlet.harness.sweep;

import java.util.ArrayList;
import java.util.List;

/**
 * The Pareto front of points on two metrics, both to be minimised (negate a metric to maximise it): a
 * point is on the front when no other point is at least as good on both and strictly better on one.
 *
 * <pre>{@code
 * List<Integer> front = ParetoFront.of(List.of(
 *         new ParetoFront.Candidate(0, 1800, 2.0),    // fast, many false ejections: on the front
 *         new ParetoFront.Candidate(1, 2600, 0.5),    // slower, fewer: on the front
 *         new ParetoFront.Candidate(2, 2700, 1.0)));  // beaten by 1 on both: not
 * // front = [0, 1]
 * }</pre>
 */
public final class ParetoFront {

    /** A point's coordinates; a null coordinate keeps it off the front (unknown is not good). */
    public record Candidate(int index, Double x, Double y) {
    }

    private ParetoFront() {
    }

    /**
     * Values this close (relative) count as equal in {@link #of(List)}: a per-minute rate is divided by the
     * run's measured window, which differs by milliseconds between runs, so the same count of false ejections
     * would otherwise break ties at random.
     */
    public static final double TOLERANCE = 0.005;

    /** Indices of the non-dominated candidates, values within {@link #TOLERANCE} of each other counting as equal. */
    public static List<Integer> of(List<Candidate> candidates) {
        return of(candidates, TOLERANCE);
    }

    /** Indices of the non-dominated candidates, in the order given. Equal candidates are both on the front. */
    public static List<Integer> of(List<Candidate> candidates, double tolerance) {
        List<Integer> front = new ArrayList<>();
        for (Candidate c : candidates) {
            if (c.x() == null || c.y() == null) {
                continue;
            }
            boolean dominated = false;
            for (Candidate o : candidates) {
                if (o != c && o.x() != null && o.y() != null && dominates(o, c, tolerance)) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated) {
                front.add(c.index());
            }
        }
        return front;
    }

    static boolean dominates(Candidate a, Candidate b, double tolerance) {
        boolean sameX = same(a.x(), b.x(), tolerance);
        boolean sameY = same(a.y(), b.y(), tolerance);
        return (sameX || a.x() < b.x()) && (sameY || a.y() < b.y()) && !(sameX && sameY);
    }

    private static boolean same(double u, double v, double tolerance) {
        return Math.abs(u - v) <= tolerance * Math.max(Math.abs(u), Math.abs(v));
    }
}
