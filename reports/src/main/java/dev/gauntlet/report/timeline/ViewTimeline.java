package dev.gauntlet.report.timeline;

import dev.gauntlet.report.run.ViewEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The gateway's view of one cluster over a window of time, as intervals: per endpoint usable /
 * unusable, and the spans where the view was NHU (no healthy upstream).
 *
 * <pre>{@code
 * ViewTimeline view = ViewTimeline.of(dir.view(), manifest.cluster(), manifest.startUs(), manifest.endUs());
 * List<Interval> nhu = view.nhuIntervals();              // every known endpoint unusable
 * List<Interval> api0 = view.usableIntervals("api-0");  // when the gateway would send to api-0
 * }</pre>
 *
 * <p>Rules, chosen to never invent a view:
 * <ul>
 *   <li>An endpoint's state at a time is that of its latest event at or before it; before its first
 *       event it is {@link #UNKNOWN} (the observer had not seen it yet).</li>
 *   <li>NHU holds while at least one endpoint is known and no known endpoint is usable: that is when the
 *       gateway itself has nothing to route to. Unknown endpoints are not in the gateway's set yet, so
 *       they neither cause nor prevent NHU.</li>
 *   <li>Events of other clusters are ignored; events with no cluster are kept (single-cluster gateways).</li>
 * </ul>
 * Instances are immutable.
 */
public final class ViewTimeline {

    public static final String USABLE = "usable";
    public static final String UNUSABLE = "unusable";
    public static final String UNKNOWN = "unknown";
    public static final String NHU = "nhu";

    private final long fromUs;
    private final long toUs;
    private final Map<String, List<Interval>> byEndpoint;
    private final List<Interval> nhu;

    private ViewTimeline(long fromUs, long toUs, Map<String, List<Interval>> byEndpoint, List<Interval> nhu) {
        this.fromUs = fromUs;
        this.toUs = toUs;
        this.byEndpoint = byEndpoint;
        this.nhu = nhu;
    }

    /**
     * Builds the view of {@code cluster} over {@code [fromUs, toUs)}.
     *
     * @param events  view events in any order (as read from {@code view.jsonl})
     * @param cluster the cluster to keep, or null to keep every event
     */
    public static ViewTimeline of(List<ViewEvent> events, String cluster, long fromUs, long toUs) {
        List<ViewEvent> sorted = events.stream()
                .filter(e -> cluster == null || e.cluster() == null || cluster.equals(e.cluster()))
                .filter(e -> e.endpoint() != null && !e.gap()) // a gap line is the observer's, not an endpoint's
                .sorted(Comparator.comparingLong(ViewEvent::tUs)) // stable: same-time events keep file order
                .toList();
        Map<String, Boolean> state = new LinkedHashMap<>();
        for (ViewEvent e : sorted) {
            state.putIfAbsent(e.endpoint(), null); // row order: first appearance
        }
        Map<String, IntervalBuilder> rows = new LinkedHashMap<>();
        state.keySet().forEach(id -> rows.put(id, new IntervalBuilder()));
        IntervalBuilder nhu = new IntervalBuilder();
        if (toUs <= fromUs) {
            return new ViewTimeline(fromUs, toUs, freeze(rows), List.of());
        }

        int i = 0;
        while (i < sorted.size() && sorted.get(i).tUs() <= fromUs) {
            state.put(sorted.get(i).endpoint(), sorted.get(i).usable());
            i++;
        }
        long segmentStart = fromUs;
        while (true) {
            long segmentEnd = i < sorted.size() ? Math.min(sorted.get(i).tUs(), toUs) : toUs;
            if (segmentEnd > segmentStart) {
                for (Map.Entry<String, Boolean> e : state.entrySet()) {
                    rows.get(e.getKey()).add(segmentStart, segmentEnd, name(e.getValue()));
                }
                nhu.add(segmentStart, segmentEnd, isNhu(state.values()) ? NHU : null);
                segmentStart = segmentEnd;
            }
            if (i >= sorted.size() || sorted.get(i).tUs() >= toUs) {
                break;
            }
            long t = sorted.get(i).tUs();
            while (i < sorted.size() && sorted.get(i).tUs() == t) { // apply every change of this instant at once
                state.put(sorted.get(i).endpoint(), sorted.get(i).usable());
                i++;
            }
        }
        return new ViewTimeline(fromUs, toUs, freeze(rows), nhu.build());
    }

    /** Shorthand for {@code of(events, cluster, fromUs, toUs).nhuIntervals()}. */
    public static List<Interval> nhuIntervals(List<ViewEvent> events, String cluster, long fromUs, long toUs) {
        return of(events, cluster, fromUs, toUs).nhuIntervals();
    }

    /** The spans where every known endpoint was unusable, merged, in time order; state {@link #NHU}. */
    public List<Interval> nhuIntervals() {
        return nhu;
    }

    /** Total NHU time in the window, microseconds. */
    public long nhuUs() {
        return Interval.totalUs(nhu);
    }

    /** Endpoints the view mentioned, in order of first appearance. */
    public List<String> endpoints() {
        return List.copyOf(byEndpoint.keySet());
    }

    /**
     * The endpoint's whole window as consecutive intervals in state {@link #USABLE}, {@link #UNUSABLE}
     * or {@link #UNKNOWN}; empty when the view never mentioned it.
     */
    public List<Interval> intervals(String endpoint) {
        return byEndpoint.getOrDefault(endpoint, List.of());
    }

    /** Only the spans where the gateway would send traffic to {@code endpoint}. */
    public List<Interval> usableIntervals(String endpoint) {
        return intervals(endpoint).stream().filter(iv -> USABLE.equals(iv.state())).toList();
    }

    /** Only the spans where the gateway would not send traffic to {@code endpoint}. */
    public List<Interval> unusableIntervals(String endpoint) {
        return intervals(endpoint).stream().filter(iv -> UNUSABLE.equals(iv.state())).toList();
    }

    public long fromUs() {
        return fromUs;
    }

    public long toUs() {
        return toUs;
    }

    private static boolean isNhu(java.util.Collection<Boolean> states) {
        boolean anyKnown = false;
        for (Boolean usable : states) {
            if (Objects.equals(usable, Boolean.TRUE)) {
                return false;
            }
            anyKnown |= usable != null;
        }
        return anyKnown;
    }

    private static String name(Boolean usable) {
        return usable == null ? UNKNOWN : usable ? USABLE : UNUSABLE;
    }

    private static Map<String, List<Interval>> freeze(Map<String, IntervalBuilder> rows) {
        Map<String, List<Interval>> out = new LinkedHashMap<>();
        rows.forEach((id, b) -> out.put(id, b.build()));
        return java.util.Collections.unmodifiableMap(out);
    }

    /** Appends adjacent segments, merging equal states; a null state is a gap. */
    static final class IntervalBuilder {
        private final List<Interval> out = new ArrayList<>();
        private String openState;
        private long openStart;
        private long openEnd;

        void add(long start, long end, String state) {
            if (openState != null && openState.equals(state) && openEnd == start) {
                openEnd = end;
                return;
            }
            close();
            if (state != null) {
                openState = state;
                openStart = start;
                openEnd = end;
            }
        }

        private void close() {
            if (openState != null) {
                out.add(new Interval(openStart, openEnd, openState));
                openState = null;
            }
        }

        List<Interval> build() {
            close();
            return List.copyOf(out);
        }
    }
}
