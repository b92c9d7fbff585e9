package dev.gauntlet.harness.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gauntlet.report.run.TimelineEvent;
import dev.gauntlet.report.run.ViewEvent;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * One literal minute of history, three endpoints:
 * <pre>
 * api-0  crash 10 s (down) → view unusable 12 s → restart 20 s (up) → view usable 22 s   correct detection + 2 s recovery lag
 * api-1  view unusable 30–33 s while up                                                  false ejection, 3 s
 *        latency 40–50 s (degraded); view unusable 45–47 s                               false only if degraded counts as good
 * api-2  view unusable 52–58 s; crash at 54 s, never healed                              false ejection, 2 s until it really went down
 * </pre>
 */
class FalseEjectionsTest {

    private static final long T0 = 1_795_000_000_000_000L;

    private static long s(double seconds) {
        return T0 + Math.round(seconds * 1e6);
    }

    private static ViewEvent view(double at, String endpoint, boolean usable) {
        return new ViewEvent(s(at), "api", endpoint, usable ? "healthy" : "unhealthy", usable, List.of(),
                at < 0 ? "snapshot" : "active_hc");
    }

    private static TimelineEvent truth(double at, String op, String id, String action, String target, String truth) {
        return new TimelineEvent(s(at), s(at), op, id, action, target, truth, "fast_fail", true, "");
    }

    private static final List<ViewEvent> VIEW = List.of(
            view(-1, "api-0", true), view(-1, "api-1", true), view(-1, "api-2", true),
            view(12, "api-0", false), view(22, "api-0", true),
            view(30, "api-1", false), view(33, "api-1", true),
            view(45, "api-1", false), view(47, "api-1", true),
            view(52, "api-2", false), view(58, "api-2", true),
            new ViewEvent(s(31), "other-cluster", "x-0", "unhealthy", false, List.of(), "active_hc"));

    private static final List<TimelineEvent> TIMELINE = List.of(
            truth(10, "inject", "f0", "crash", "api-0", "down"),
            truth(20, "heal", "f0", "restart", "api-0", "up"),
            truth(40, "inject", "f1", "latency", "api-1", "degraded"),
            truth(50, "heal", "f1", "heal", "api-1", "up"),
            truth(54, "inject", "f2", "crash", "api-2", "down"));

    @Test
    void countsOnlyEjectionsThatBeganWhileTheEndpointWasUp() {
        FalseEjections fe = FalseEjections.of(VIEW, TIMELINE, "api", s(0), s(60), FalseEjections.UP_ONLY);

        assertThat(fe.count()).as("api-1 at 30 s and api-2 at 52 s; not api-0 (down) nor api-1 at 45 s (degraded)")
                .isEqualTo(2);
        assertThat(fe.seconds()).as("3 s of api-1 plus api-2's 2 s before its crash").isCloseTo(5.0, within(1e-9));
        assertThat(fe.unusableWhileGoodSeconds()).as("the 5 s plus api-0's 2 s recovery lag")
                .isCloseTo(7.0, within(1e-9));
        assertThat(fe.minutes()).as("the window is one minute").isCloseTo(1.0, within(1e-9));
        assertThat(fe.perMinute()).as("2 per minute").isCloseTo(2.0, within(1e-9));
        assertThat(fe.secondsPerMinute()).as("5 endpoint-seconds per minute").isCloseTo(5.0, within(1e-9));
    }

    @Test
    void anEndpointThatLeftTheClusterThroughDnsWasNotEjected() {
        List<ViewEvent> view = List.of(view(0, "api-0", true), view(0, "api-1", true),
                new ViewEvent(s(10), "api", "api-0", "absent", false, List.of("removed"), "dns_removed"),
                view(30, "api-1", false), view(33, "api-1", true));

        FalseEjections fe = FalseEjections.of(view, List.of(), "api", s(0), s(60), FalseEjections.UP_ONLY);

        assertThat(fe.count()).as("only api-1's ejection; api-0's removal from DNS is not one").isEqualTo(1);
        assertThat(fe.seconds()).isCloseTo(3.0, within(1e-9));
    }

    @Test
    void countsEjectionsOfDegradedEndpointsWhenDegradedIsGood() {
        FalseEjections fe = FalseEjections.of(VIEW, TIMELINE, "api", s(0), s(60), Set.of("up", "degraded"));

        assertThat(fe.count()).as("api-1's ejection at 45 s during the latency fault counts too").isEqualTo(3);
        assertThat(fe.seconds()).as("plus its 2 s").isCloseTo(7.0, within(1e-9));
        assertThat(fe.unusableWhileGoodSeconds()).as("plus its 2 s").isCloseTo(9.0, within(1e-9));
    }

    @Test
    void onlyTheRunWindowCounts() {
        FalseEjections fe = FalseEjections.of(VIEW, TIMELINE, "api", s(0), s(31), FalseEjections.UP_ONLY);

        assertThat(fe.count()).as("api-1's ejection at 30 s is the only one inside [0, 31 s)").isEqualTo(1);
        assertThat(fe.seconds()).as("cut at the window's end").isCloseTo(1.0, within(1e-9));
        assertThat(fe.perMinute()).as("1 in 31 s").isCloseTo(60.0 / 31.0, within(1e-9));
    }

    @Test
    void aQuietRunHasNoFalseEjections() {
        FalseEjections fe = FalseEjections.of(List.of(view(-1, "api-0", true)), List.of(), "api", s(0), s(30),
                FalseEjections.UP_ONLY);

        assertThat(fe.count()).as("nothing was ejected").isZero();
        assertThat(fe.perMinute()).as("zero rate").isZero();
    }

    @Test
    void listsEachFalseEjectionCutWhereTheTruthStoppedBeingUp() {
        List<FalseEjections.Stretch> stretches = FalseEjections.stretches(VIEW, TIMELINE, "api", s(0), s(60),
                FalseEjections.UP_ONLY);

        assertThat(stretches).as("api-1 30–33 s; api-2 52 s until its crash at 54 s").containsExactly(
                new FalseEjections.Stretch("api-1", s(30), s(33)), new FalseEjections.Stretch("api-2", s(52), s(54)));
        assertThat(stretches.get(1).overlapUs(s(53), s(60))).as("the part inside a later window").isEqualTo(1_000_000L);
    }

    @Test
    void anEjectionBetweenTheRequestAndTheVerificationOfAFaultIsItsDetection() {
        // crash requested at 10.0 s, verified (stamped) at 10.5 s; outlier detection ejected at 10.2 s
        TimelineEvent crash = new TimelineEvent(s(10.5), s(10.0), "inject", "f0", "crash", "api-0", "down",
                "fast_fail", true, "refused");
        List<ViewEvent> view = List.of(view(-1, "api-0", true), view(10.2, "api-0", false),
                view(9.9, "api-1", false), view(11, "api-1", true));

        FalseEjections fe = FalseEjections.of(view, List.of(crash), "api", s(0), s(20), FalseEjections.UP_ONLY);

        assertThat(fe.count()).as("api-0's ejection is the crash's doing; api-1's (before any request) is false")
                .isEqualTo(1);
        assertThat(fe.seconds()).as("api-1's 1.1 s").isCloseTo(1.1, within(1e-9));
    }

    @Test
    void anEjectionOpenAtTheWindowsStartCountsWhenTheEndpointWasUpThere() {
        List<ViewEvent> view = List.of(view(-1, "api-0", false), view(3, "api-0", true));

        FalseEjections fe = FalseEjections.of(view, List.of(), "api", s(0), s(10), FalseEjections.UP_ONLY);

        assertThat(fe.count()).as("unusable from before the window while up").isEqualTo(1);
        assertThat(fe.seconds()).as("counted from the window's start").isCloseTo(3.0, within(1e-9));
    }
}
