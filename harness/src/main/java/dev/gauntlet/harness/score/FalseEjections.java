package dev.gauntlet.harness.score;

import dev.gauntlet.report.run.RunDirectory;
import dev.gauntlet.report.run.RunManifest;
import dev.gauntlet.report.run.TimelineEvent;
import dev.gauntlet.report.run.ViewEvent;
import dev.gauntlet.report.timeline.Interval;
import dev.gauntlet.report.timeline.TruthTimeline;
import dev.gauntlet.report.timeline.ViewTimeline;
import java.util.List;
import java.util.Set;

/**
 * False ejections of one run: the gateway's view taking an endpoint out while the truth says it is good.
 *
 * <pre>{@code
 * FalseEjections fe = FalseEjections.of(new RunDirectory(Path.of("runs/20261126-101500-flapping")));
 * fe.count();          // 2 ejections that began while the endpoint was up
 * fe.perMinute();      // count per minute of run
 * fe.seconds();        // endpoint-seconds those ejections lasted while the endpoint stayed good
 * }</pre>
 *
 * <p>Definitions, over the run's window {@code [start_us, end_us)} and the manifest's cluster:
 * <ul>
 *   <li>A <b>false ejection</b> is an unusable stretch of an endpoint's view that <em>begins</em> while the
 *       endpoint's truth is good. An unusable stretch that began while the endpoint was down is a correct
 *       detection, and its tail after the heal is recovery time (scored as TTR), not a false ejection.
 *       A stretch already open at the window's start counts when the endpoint was good there.</li>
 *   <li>{@link #seconds()}: endpoint-seconds of false-ejection stretches overlapping good truth.</li>
 *   <li>An ejection that begins after a fault was requested but before the harness verified it is the fault's
 *       detection, not a false ejection (see {@link #stretches}).</li>
 *   <li>{@link #unusableWhileGoodSeconds()}: every endpoint-second of "view unusable while truth good",
 *       recovery lag included: the literal overlap, for who wants it.</li>
 * </ul>
 * "Good" is the truth {@code up} by default; a flapping-network study may also call {@code degraded}
 * good, because a slow but answering endpoint should stay in rotation.
 *
 * @param count                    false ejections (stretches that began while good)
 * @param seconds                  endpoint-seconds of those stretches while the truth stayed good
 * @param unusableWhileGoodSeconds endpoint-seconds of view-unusable overlapping truth-good, any cause
 * @param minutes                  the run's window in minutes (the divisor of the rates)
 */
public record FalseEjections(int count, double seconds, double unusableWhileGoodSeconds, double minutes) {

    /** The default notion of "good": only {@code up}. */
    public static final Set<String> UP_ONLY = Set.of(TimelineEvent.UP);

    /** False ejections per minute of run; 0 for an empty window. */
    public double perMinute() {
        return minutes <= 0 ? 0 : count / minutes;
    }

    /** Falsely-ejected endpoint-seconds per minute of run. */
    public double secondsPerMinute() {
        return minutes <= 0 ? 0 : seconds / minutes;
    }

    /** Reads the run directory; the run must have a view (throws IllegalStateException otherwise). */
    public static FalseEjections of(RunDirectory dir) {
        return of(dir, UP_ONLY);
    }

    /** As {@link #of(RunDirectory)}, with the truth states that count as good. */
    public static FalseEjections of(RunDirectory dir, Set<String> goodTruths) {
        RunManifest m = dir.manifest();
        if (!m.viewObserved()) {
            throw new IllegalStateException("no view was observed (gateway kind " + m.gatewayKind() + ")");
        }
        long end = m.endUs() >= m.startUs() ? m.endUs() : m.startUs();
        return of(dir.view(), dir.timeline(), m.cluster(), m.startUs(), end, goodTruths);
    }

    /**
     * One false ejection: {@code endpoint} unusable in the view over {@code [startUs, endUs)} while its truth
     * was good (the stretch is cut where the truth stopped being good).
     */
    public record Stretch(String endpoint, long startUs, long endUs) {

        /** Microseconds of this stretch inside {@code [fromUs, toUs)}. */
        public long overlapUs(long fromUs, long toUs) {
            return Math.max(0, Math.min(toUs, endUs) - Math.max(fromUs, startUs));
        }
    }

    /** The computation on literal histories: view events of {@code cluster}, timeline events, a window. */
    public static FalseEjections of(List<ViewEvent> view, List<TimelineEvent> timeline, String cluster,
                                    long fromUs, long toUs, Set<String> goodTruths) {
        ViewTimeline v = ViewTimeline.of(withoutRemovals(view), cluster, fromUs, toUs);
        TruthTimeline t = TruthTimeline.of(timeline, v.endpoints(), fromUs, toUs);
        long overlapUs = 0;
        for (String endpoint : v.endpoints()) {
            for (Interval unusable : v.unusableIntervals(endpoint)) {
                overlapUs += goodOverlapUs(t.intervals(endpoint), unusable.startUs(), unusable.endUs(), goodTruths);
            }
        }
        List<Stretch> stretches = stretches(v, t, timeline, goodTruths);
        long falseUs = stretches.stream().mapToLong(s -> s.endUs() - s.startUs()).sum();
        return new FalseEjections(stretches.size(), falseUs / 1e6, overlapUs / 1e6, Math.max(0, toUs - fromUs) / 60e6);
    }

    /**
     * Every false ejection of the window, in endpoint then time order; the scorer attributes each to the phase
     * in which it began.
     *
     * <p>An unusable stretch that begins between an inject's {@code requested_us} and its {@code t_us} on the same
     * endpoint, for a fault that makes it not good, is not false: the harness stamps an inject when its probe
     * verified the effect, so a fast passive ejection can come before the stamp although the fault caused it.
     */
    public static List<Stretch> stretches(List<ViewEvent> view, List<TimelineEvent> timeline, String cluster,
                                          long fromUs, long toUs, Set<String> goodTruths) {
        ViewTimeline v = ViewTimeline.of(withoutRemovals(view), cluster, fromUs, toUs);
        return stretches(v, TruthTimeline.of(timeline, v.endpoints(), fromUs, toUs), timeline, goodTruths);
    }

    /**
     * An endpoint that left the cluster (DNS no longer names it, the config dropped it: state
     * {@value #ABSENT}) was not ejected: the gateway did what it was told. Dropping those events keeps
     * the endpoint's last state instead of counting the departure as a false ejection.
     */
    static List<ViewEvent> withoutRemovals(List<ViewEvent> view) {
        // a view_gap line is about the observer (endpoint "*"), not an endpoint the gateway took out
        return view.stream().filter(e -> !ABSENT.equals(e.state()) && !e.gap()).toList();
    }

    static final String ABSENT = "absent";

    private static List<Stretch> stretches(ViewTimeline v, TruthTimeline t, List<TimelineEvent> timeline,
                                           Set<String> goodTruths) {
        List<Stretch> out = new java.util.ArrayList<>();
        for (String endpoint : v.endpoints()) {
            List<Interval> truth = t.intervals(endpoint);
            for (Interval unusable : v.unusableIntervals(endpoint)) {
                if (isGood(truth, unusable.startUs(), goodTruths)
                        && !injectInFlight(timeline, endpoint, unusable.startUs(), goodTruths)) {
                    long good = goodPrefixUs(truth, unusable.startUs(), unusable.endUs(), goodTruths);
                    out.add(new Stretch(endpoint, unusable.startUs(), unusable.startUs() + good));
                }
            }
        }
        return List.copyOf(out);
    }

    private static boolean injectInFlight(List<TimelineEvent> timeline, String endpoint, long tUs, Set<String> good) {
        for (TimelineEvent e : timeline) {
            if (TimelineEvent.INJECT.equals(e.op()) && endpoint.equals(e.target()) && e.truth() != null
                    && !good.contains(e.truth()) && e.requestedUs() <= tUs && tUs < e.tUs()) {
                return true;
            }
        }
        return false;
    }

    private static boolean isGood(List<Interval> truth, long tUs, Set<String> good) {
        for (Interval iv : truth) {
            if (iv.startUs() <= tUs && tUs < iv.endUs()) {
                return good.contains(iv.state());
            }
        }
        return good.contains(TimelineEvent.UP); // no truth row: nothing was done to it, so it was up
    }

    private static long goodOverlapUs(List<Interval> truth, long from, long to, Set<String> good) {
        if (truth.isEmpty()) {
            return good.contains(TimelineEvent.UP) ? to - from : 0;
        }
        long sum = 0;
        for (Interval iv : truth) {
            if (good.contains(iv.state())) {
                sum += Math.max(0, Math.min(to, iv.endUs()) - Math.max(from, iv.startUs()));
            }
        }
        return sum;
    }

    /** The part of [from, to) until the truth first stops being good: after that, the ejection is deserved. */
    private static long goodPrefixUs(List<Interval> truth, long from, long to, Set<String> good) {
        if (truth.isEmpty()) {
            return to - from;
        }
        for (Interval iv : truth) {
            if (iv.endUs() > from && iv.startUs() < to && !good.contains(iv.state())) {
                return Math.max(0, iv.startUs() - from);
            }
        }
        return to - from;
    }
}
