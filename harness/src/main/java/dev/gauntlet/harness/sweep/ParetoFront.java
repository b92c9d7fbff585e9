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

    /** Indices of the non-dominated candidates, in the order given. Equal candidates are both on the front. */
    public static List<Integer> of(List<Candidate> candidates) {
        List<Integer> front = new ArrayList<>();
        for (Candidate c : candidates) {
            if (c.x() == null || c.y() == null) {
                continue;
            }
            boolean dominated = false;
            for (Candidate o : candidates) {
                if (o != c && o.x() != null && o.y() != null && dominates(o, c)) {
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

    static boolean dominates(Candidate a, Candidate b) {
        return a.x() <= b.x() && a.y() <= b.y() && (a.x() < b.x() || a.y() < b.y());
    }
}
