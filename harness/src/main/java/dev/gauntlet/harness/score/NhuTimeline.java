package dev.gauntlet.harness.score;

import dev.gauntlet.report.run.TimelineEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * When the gateway's view of a cluster was NHU (every endpoint unusable) and whether that was avoidable.
 *
 * <p>Avoidable: at that instant truth had at least one endpoint that was not down (up or degraded).
 * Unavoidable: truth had every endpoint down. Only {@code [startUs, endUs)} of the run counts.
 *
 * <pre>{@code
 * NhuTimeline nhu = NhuTimeline.of(view, truth, endpoints, startUs, endUs);
 * double avoidableMs = nhu.avoidableMs(phase.fromUs(), phase.toUs());
 * }</pre>
 */
final class NhuTimeline {

    /** One stretch of NHU, {@code [fromUs, toUs)}. */
    record Segment(long fromUs, long toUs, boolean avoidable) {
    }

    private final List<Segment> segments;

    private NhuTimeline(List<Segment> segments) {
        this.segments = segments;
    }

    static NhuTimeline of(Map<String, StepTimeline<Boolean>> view, Map<String, StepTimeline<String>> truth,
                          List<String> endpoints, long startUs, long endUs) {
        TreeSet<Long> instants = new TreeSet<>();
        instants.add(startUs);
        instants.add(endUs);
        view.values().forEach(t -> t.changeTimes().forEach(instants::add));
        endpoints.forEach(id -> truth.get(id).changeTimes().forEach(instants::add));
        List<Segment> segments = new ArrayList<>();
        Long from = null;
        for (long t : instants.subSet(startUs, true, endUs, true)) {
            if (from != null && t > from) {
                long at = from;
                boolean nhu = !view.isEmpty() && view.values().stream().noneMatch(v -> v.at(at));
                if (nhu) {
                    boolean allDown = endpoints.stream().allMatch(id -> TimelineEvent.DOWN.equals(truth.get(id).at(at)));
                    add(segments, new Segment(at, t, !allDown));
                }
            }
            from = t;
        }
        return new NhuTimeline(List.copyOf(segments));
    }

    private static void add(List<Segment> segments, Segment s) {
        if (!segments.isEmpty()) {
            Segment last = segments.get(segments.size() - 1);
            if (last.toUs() == s.fromUs() && last.avoidable() == s.avoidable()) {
                segments.set(segments.size() - 1, new Segment(last.fromUs(), s.toUs(), s.avoidable()));
                return;
            }
        }
        segments.add(s);
    }

    List<Segment> segments() {
        return segments;
    }

    double avoidableMs(long fromUs, long toUs) {
        return overlapMs(fromUs, toUs, true);
    }

    double unavoidableMs(long fromUs, long toUs) {
        return overlapMs(fromUs, toUs, false);
    }

    private double overlapMs(long fromUs, long toUs, boolean avoidable) {
        long us = 0;
        for (Segment s : segments) {
            if (s.avoidable() == avoidable) {
                us += Math.max(0, Math.min(toUs, s.toUs()) - Math.max(fromUs, s.fromUs()));
            }
        }
        return us / 1000.0;
    }
}
