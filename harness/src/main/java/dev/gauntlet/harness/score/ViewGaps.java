package dev.gauntlet.harness.score;

import dev.gauntlet.report.run.ViewEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The stretches in which the observer had lost the gateway's view of the cluster: each begins at a {@code view_gap}
 * line and ends at the next {@code snapshot} line of the cluster (the reconnect), or at the run's end when none
 * came. Anything that falls in a gap is unknown: the view stood still there while the gateway may have moved.
 *
 * <pre>{@code
 * ViewGaps gaps = ViewGaps.of(viewEvents, endUs);
 * gaps.overlapping(fromUs, toUs);   // "the view was lost 12.0 s .. 14.5 s (observer: stream closed)", or null
 * }</pre>
 */
final class ViewGaps {

    /** One lost stretch {@code [fromUs, toUs]} and what the observer said about it. */
    record Gap(long fromUs, long toUs, String detail) {
    }

    private final List<Gap> gaps;

    private ViewGaps(List<Gap> gaps) {
        this.gaps = gaps;
    }

    static ViewGaps none() {
        return new ViewGaps(List.of());
    }

    /** From the cluster's view lines in file order; a gap still open at {@code endUs} lasts to it. */
    static ViewGaps of(List<ViewEvent> events, long endUs) {
        List<Gap> out = new ArrayList<>();
        ViewEvent open = null;
        for (ViewEvent e : events) {
            if (e.gap()) {
                if (open == null) {
                    open = e;
                }
            } else if (open != null && "snapshot".equals(e.reason()) && e.tUs() >= open.tUs()) {
                out.add(new Gap(open.tUs(), e.tUs(), open.detail()));
                open = null;
            }
        }
        if (open != null) {
            out.add(new Gap(open.tUs(), Math.max(open.tUs(), endUs), open.detail()));
        }
        return new ViewGaps(List.copyOf(out));
    }

    boolean isEmpty() {
        return gaps.isEmpty();
    }

    List<Gap> gaps() {
        return gaps;
    }

    /**
     * Why {@code [fromUs, toUs]} cannot be judged: the first gap that touches it (a gap's closing snapshot counts, it
     * may carry a change made while the view was lost); null when no gap does.
     */
    String overlapping(long fromUs, long toUs, long startUs) {
        for (Gap g : gaps) {
            if (g.fromUs() <= toUs && g.toUs() >= fromUs) {
                return String.format(Locale.ROOT, "the view was lost from %.1f s to %.1f s%s",
                        (g.fromUs() - startUs) / 1e6, (g.toUs() - startUs) / 1e6,
                        g.detail() == null || g.detail().isBlank() ? "" : " (" + g.detail() + ")");
            }
        }
        return null;
    }
}
