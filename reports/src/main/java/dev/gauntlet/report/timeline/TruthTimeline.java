package dev.gauntlet.report.timeline;

import dev.gauntlet.report.run.TimelineEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the harness knows each endpoint truly was over a window ({@code up}, {@code degraded},
 * {@code down}), and when each fault was in effect, built from {@code timeline.jsonl}.
 *
 * <pre>{@code
 * List<String> ids = manifest.endpoints().stream().map(EndpointInfo::id).toList();
 * TruthTimeline truth = TruthTimeline.of(dir.timeline(), ids, manifest.startUs(), manifest.endUs());
 * truth.intervals("api-0");   // [up 0–15 s, down 15–35 s, up 35–60 s]
 * truth.faultWindows();       // [f0 crash api-0 15–35 s]
 * }</pre>
 *
 * <p>Every endpoint starts {@code up} (the harness starts them healthy); each event carrying a
 * {@code truth} sets its target's state from its {@code tUs} on. Events for targets not in the given
 * list add a row, so nothing the harness did is hidden. Instances are immutable.
 */
public final class TruthTimeline {

    private final Map<String, List<Interval>> byEndpoint;
    private final List<FaultWindow> faults;

    private TruthTimeline(Map<String, List<Interval>> byEndpoint, List<FaultWindow> faults) {
        this.byEndpoint = byEndpoint;
        this.faults = faults;
    }

    /**
     * @param events    timeline events in any order
     * @param endpoints the topology's endpoint ids, in display order
     */
    public static TruthTimeline of(List<TimelineEvent> events, List<String> endpoints, long fromUs, long toUs) {
        List<TimelineEvent> sorted = events.stream()
                .sorted(Comparator.comparingLong(TimelineEvent::tUs))
                .toList();
        Map<String, String> state = new LinkedHashMap<>();
        endpoints.forEach(id -> state.put(id, TimelineEvent.UP));
        for (TimelineEvent e : sorted) {
            if (e.target() != null && e.truth() != null) {
                state.putIfAbsent(e.target(), TimelineEvent.UP);
            }
        }
        Map<String, ViewTimeline.IntervalBuilder> rows = new LinkedHashMap<>();
        state.keySet().forEach(id -> rows.put(id, new ViewTimeline.IntervalBuilder()));

        long segmentStart = fromUs;
        int i = 0;
        while (i <= sorted.size()) {
            long t = i < sorted.size() ? sorted.get(i).tUs() : Long.MAX_VALUE;
            long segmentEnd = Math.min(Math.max(t, fromUs), toUs);
            if (segmentEnd > segmentStart) {
                for (Map.Entry<String, String> e : state.entrySet()) {
                    rows.get(e.getKey()).add(segmentStart, segmentEnd, e.getValue());
                }
                segmentStart = segmentEnd;
            }
            if (i == sorted.size()) {
                break;
            }
            TimelineEvent e = sorted.get(i++);
            if (e.target() != null && e.truth() != null) {
                state.put(e.target(), e.truth());
            }
        }
        Map<String, List<Interval>> frozen = new LinkedHashMap<>();
        rows.forEach((id, b) -> frozen.put(id, b.build()));
        return new TruthTimeline(java.util.Collections.unmodifiableMap(frozen), faultWindows(sorted, fromUs, toUs));
    }

    /** Endpoint ids with a truth row, in display order. */
    public List<String> endpoints() {
        return List.copyOf(byEndpoint.keySet());
    }

    /** Consecutive intervals covering the window, state {@code up}, {@code degraded} or {@code down}. */
    public List<Interval> intervals(String endpoint) {
        return byEndpoint.getOrDefault(endpoint, List.of());
    }

    /** Faults that overlapped the window, in injection order. */
    public List<FaultWindow> faultWindows() {
        return faults;
    }

    private static List<FaultWindow> faultWindows(List<TimelineEvent> sorted, long fromUs, long toUs) {
        // Pairs each inject with the first later heal of the same faultId (an inject without id pairs with nothing).
        List<FaultWindow> out = new ArrayList<>();
        Map<String, TimelineEvent> open = new LinkedHashMap<>();
        List<TimelineEvent> unpaired = new ArrayList<>();
        for (TimelineEvent e : sorted) {
            if (TimelineEvent.INJECT.equals(e.op())) {
                if (e.faultId() == null || open.containsKey(e.faultId())) {
                    unpaired.add(e);
                } else {
                    open.put(e.faultId(), e);
                }
            } else if (TimelineEvent.HEAL.equals(e.op()) && e.faultId() != null && open.containsKey(e.faultId())) {
                TimelineEvent inject = open.remove(e.faultId());
                add(out, inject, e.tUs(), true, fromUs, toUs);
            }
        }
        open.values().forEach(inject -> add(out, inject, toUs, false, fromUs, toUs));
        unpaired.forEach(inject -> add(out, inject, toUs, false, fromUs, toUs));
        out.sort(Comparator.comparingLong(w -> w.interval().startUs()));
        return List.copyOf(out);
    }

    private static void add(List<FaultWindow> out, TimelineEvent inject, long endUs, boolean healed,
                            long fromUs, long toUs) {
        long start = Math.max(inject.tUs(), fromUs);
        long end = Math.min(endUs, toUs);
        if (end > start || (end == start && start > fromUs && start < toUs)) {
            out.add(new FaultWindow(inject.faultId(), inject.action(), inject.target(),
                    new Interval(start, Math.max(start, end), inject.action()), healed && endUs <= toUs));
        }
    }
}
