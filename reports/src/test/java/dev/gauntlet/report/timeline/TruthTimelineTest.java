package dev.gauntlet.report.timeline;

import static dev.gauntlet.report.RunFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.report.RunFixture;
import dev.gauntlet.report.run.TimelineEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class TruthTimelineTest {

    private static TimelineEvent ev(double s, String op, String id, String action, String target, String truth) {
        return new TimelineEvent(at(s), at(s), op, id, action, target, truth, "fast_fail", true, "probe");
    }

    @Test
    void endpointsStartUpAndFollowTheTruthOfEachEvent() {
        TruthTimeline truth = TruthTimeline.of(RunFixture.timeline(), RunFixture.ENDPOINTS, at(0), at(60));

        assertThat(truth.intervals("api-0")).as("api-0: up, crashed 15–35 s, up again")
                .containsExactly(new Interval(at(0), at(15), "up"), new Interval(at(15), at(35), "down"),
                        new Interval(at(35), at(60), "up"));
        assertThat(truth.intervals("api-1")).as("api-1 untouched: up the whole run")
                .containsExactly(new Interval(at(0), at(60), "up"));
        assertThat(truth.endpoints()).as("rows in topology order").containsExactlyElementsOf(RunFixture.ENDPOINTS);
    }

    @Test
    void faultWindowsPairEachInjectWithTheHealOfTheSameFault() {
        List<TimelineEvent> events = List.of(
                ev(10, "inject", "f1", "latency", "b", "degraded"),
                ev(5, "inject", "f0", "crash", "a", "down"),
                ev(20, "heal", "f0", "restart", "a", "up"),
                ev(30, "heal", "f1", "latency", "b", "up"));

        List<FaultWindow> windows = TruthTimeline.of(events, List.of("a", "b"), at(0), at(60)).faultWindows();

        assertThat(windows).as("two windows in injection order, each to its own heal").containsExactly(
                new FaultWindow("f0", "crash", "a", new Interval(at(5), at(20), "crash"), true),
                new FaultWindow("f1", "latency", "b", new Interval(at(10), at(30), "latency"), true));
        assertThat(windows.get(0).label()).as("chart label").isEqualTo("f0 crash a");
    }

    @Test
    void aFaultNeverHealedLastsToTheWindowEnd() {
        List<TimelineEvent> events = List.of(ev(40, "inject", "f0", "hang", "a", "down"));

        TruthTimeline truth = TruthTimeline.of(events, List.of("a"), at(0), at(50));

        assertThat(truth.faultWindows()).as("open until the end, not healed")
                .containsExactly(new FaultWindow("f0", "hang", "a", new Interval(at(40), at(50), "hang"), false));
        assertThat(truth.intervals("a")).as("down to the end")
                .containsExactly(new Interval(at(0), at(40), "up"), new Interval(at(40), at(50), "down"));
    }

    @Test
    void aTargetOutsideTheTopologyStillGetsARow() {
        List<TimelineEvent> events = List.of(ev(1, "inject", "f0", "crash", "ghost", "down"));

        TruthTimeline truth = TruthTimeline.of(events, List.of("a"), at(0), at(10));

        assertThat(truth.endpoints()).as("topology first, then the unexpected target").containsExactly("a", "ghost");
        assertThat(truth.intervals("ghost")).as("ghost goes down at 1 s")
                .containsExactly(new Interval(at(0), at(1), "up"), new Interval(at(1), at(10), "down"));
    }

    @Test
    void eventsBeforeTheWindowSetTheStateItStartsIn() {
        List<TimelineEvent> events = List.of(ev(-3, "inject", "f0", "latency", "a", "degraded"),
                ev(4, "heal", "f0", "latency", "a", "up"));

        TruthTimeline truth = TruthTimeline.of(events, List.of("a"), at(0), at(10));

        assertThat(truth.intervals("a")).as("degraded from the start until healed at 4 s")
                .containsExactly(new Interval(at(0), at(4), "degraded"), new Interval(at(4), at(10), "up"));
        assertThat(truth.faultWindows()).as("window clipped to the start")
                .extracting(FaultWindow::interval).containsExactly(new Interval(at(0), at(4), "latency"));
    }
}
