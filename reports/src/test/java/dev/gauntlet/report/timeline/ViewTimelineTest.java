package dev.gauntlet.report.timeline;

import static dev.gauntlet.report.RunFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.report.RunFixture;
import dev.gauntlet.report.run.ViewEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class ViewTimelineTest {

    private static ViewEvent ev(double s, String endpoint, boolean usable) {
        return new ViewEvent(at(s), "api", endpoint, usable ? "healthy" : "unhealthy", usable, List.of(), "test");
    }

    @Test
    void nhuSpansExactlyTheTimeEveryKnownEndpointIsUnusable() {
        List<Interval> nhu = ViewTimeline.nhuIntervals(RunFixture.view(), "api", at(0), at(60));

        assertThat(nhu).as("api-0 out since 17 s, api-1 and api-2 out 20–22 s: one NHU span 20–22 s")
                .containsExactly(new Interval(at(20), at(22), ViewTimeline.NHU));
    }

    @Test
    void noNhuWhileAnyEndpointStaysUsable() {
        List<ViewEvent> events = List.of(ev(-1, "a", true), ev(-1, "b", true), ev(5, "a", false), ev(6, "b", false),
                ev(7, "a", true), ev(9, "b", true));

        ViewTimeline view = ViewTimeline.of(events, "api", at(0), at(10));

        assertThat(view.nhuIntervals()).as("a and b are both out only 6–7 s")
                .containsExactly(new Interval(at(6), at(7), ViewTimeline.NHU));
        assertThat(view.nhuUs()).as("total NHU").isEqualTo(1_000_000L);
    }

    @Test
    void changesAtTheSameInstantApplyTogetherSoNoZeroLengthNhuAppears() {
        List<ViewEvent> events = List.of(ev(-1, "a", true), ev(-1, "b", false), ev(5, "a", false), ev(5, "b", true));

        assertThat(ViewTimeline.nhuIntervals(events, "api", at(0), at(10)))
                .as("a leaves and b joins at the same microsecond: never both out").isEmpty();
    }

    @Test
    void endpointsNotYetSeenNeitherCauseNorPreventNhu() {
        // Observer saw only "a" until 4 s; "b" appears usable at 4 s.
        List<ViewEvent> events = List.of(ev(1, "a", false), ev(4, "b", true));

        ViewTimeline view = ViewTimeline.of(events, "api", at(0), at(10));

        assertThat(view.nhuIntervals()).as("nothing known 0–1 s; only a, unusable, 1–4 s; b usable after")
                .containsExactly(new Interval(at(1), at(4), ViewTimeline.NHU));
        assertThat(view.intervals("b")).as("b is unknown until its first event, not invented usable")
                .containsExactly(new Interval(at(0), at(4), ViewTimeline.UNKNOWN),
                        new Interval(at(4), at(10), ViewTimeline.USABLE));
    }

    @Test
    void stateBeforeTheWindowCarriesIntoItAndIntervalsAreClipped() {
        List<ViewEvent> events = List.of(ev(-5, "a", false), ev(3, "a", true), ev(12, "a", false));

        ViewTimeline view = ViewTimeline.of(events, "api", at(0), at(10));

        assertThat(view.intervals("a")).as("unusable from before start until 3 s, usable to the window's end")
                .containsExactly(new Interval(at(0), at(3), ViewTimeline.UNUSABLE),
                        new Interval(at(3), at(10), ViewTimeline.USABLE));
        assertThat(view.usableIntervals("a")).as("usable intervals only")
                .containsExactly(new Interval(at(3), at(10), ViewTimeline.USABLE));
        assertThat(view.unusableIntervals("a")).as("unusable intervals only")
                .containsExactly(new Interval(at(0), at(3), ViewTimeline.UNUSABLE));
    }

    @Test
    void repeatedEventsInTheSameStateMergeIntoOneInterval() {
        List<ViewEvent> events = List.of(ev(-1, "a", true), ev(2, "a", true), ev(4, "a", true));

        assertThat(ViewTimeline.of(events, "api", at(0), at(10)).intervals("a")).as("one usable interval")
                .containsExactly(new Interval(at(0), at(10), ViewTimeline.USABLE));
    }

    @Test
    void eventsOfOtherClustersAreIgnoredAndEventOrderInTheFileDoesNotMatter() {
        List<ViewEvent> events = List.of(
                ev(6, "a", true),
                new ViewEvent(at(3), "other", "a", "healthy", true, List.of(), "x"),
                ev(2, "a", false),
                ev(-1, "a", true));

        ViewTimeline view = ViewTimeline.of(events, "api", at(0), at(10));

        assertThat(view.nhuIntervals()).as("a is out 2–6 s; the other cluster's event at 3 s does not end it")
                .containsExactly(new Interval(at(2), at(6), ViewTimeline.NHU));
        assertThat(view.endpoints()).as("endpoints of the cluster").containsExactly("a");
    }

    @Test
    void aViewThatStaysNhuToTheEndIsClosedAtTheWindowEnd() {
        List<ViewEvent> events = List.of(ev(-1, "a", true), ev(8, "a", false));

        assertThat(ViewTimeline.nhuIntervals(events, "api", at(0), at(10))).as("open NHU closed at the end")
                .containsExactly(new Interval(at(8), at(10), ViewTimeline.NHU));
    }

    @Test
    void anEmptyViewHasNoNhuAndNoEndpoints() {
        ViewTimeline view = ViewTimeline.of(List.of(), "api", at(0), at(10));

        assertThat(view.nhuIntervals()).as("no events, no NHU").isEmpty();
        assertThat(view.endpoints()).as("no endpoints").isEmpty();
        assertThat(view.intervals("a")).as("unknown endpoint has no intervals").isEmpty();
    }
}
