package dev.gauntlet.harness.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Literal step histories in whole seconds (1 s = 1_000_000 µs); the run is [0 s, 60 s). */
class NhuTimelineTest {

    private static final long S = 1_000_000;

    private final Map<String, StepTimeline<Boolean>> view = new LinkedHashMap<>();
    private final Map<String, StepTimeline<String>> truth = new LinkedHashMap<>();

    private void endpoint(String id, long[] viewChanges, String... truthChanges) {
        StepTimeline.Builder<Boolean> v = StepTimeline.startingAt(true);
        boolean usable = true;
        for (long t : viewChanges) {
            usable = !usable;
            v.change(t * S, usable);
        }
        view.put(id, v.build());
        StepTimeline.Builder<String> tr = StepTimeline.startingAt("up");
        for (int i = 0; i < truthChanges.length; i += 2) {
            tr.change(Long.parseLong(truthChanges[i]) * S, truthChanges[i + 1]);
        }
        truth.put(id, tr.build());
    }

    private NhuTimeline nhu(long fromS, long toS) {
        return NhuTimeline.of(view, truth, List.copyOf(view.keySet()), fromS * S, toS * S);
    }

    @Test
    void overlappingFaultsOnBothEndpointsSplitNhuIntoUnavoidableAndAvoidable() {
        // api-0 down [10 s, 30 s), view unusable [12 s, 32 s); api-1 down [20 s, 40 s), view unusable [22 s, 42 s).
        endpoint("api-0", new long[] {12, 32}, "10", "down", "30", "up");
        endpoint("api-1", new long[] {22, 42}, "20", "down", "40", "up");

        NhuTimeline nhu = nhu(0, 60);

        assertThat(nhu.segments()).as("NHU [22 s, 32 s): all down until 30 s, then api-0 is back")
                .containsExactly(new NhuTimeline.Segment(22 * S, 30 * S, false), new NhuTimeline.Segment(30 * S, 32 * S, true));
        assertThat(nhu.unavoidableMs(0, 60 * S)).as("unavoidable: both down [22 s, 30 s)").isEqualTo(8000.0);
        assertThat(nhu.avoidableMs(0, 60 * S)).as("avoidable: api-0 up again [30 s, 32 s)").isEqualTo(2000.0);
    }

    @Test
    void nhuWhileTruthIsMerelyDegradedIsAvoidable() {
        endpoint("api-0", new long[] {5, 8}, "4", "degraded", "9", "up");
        endpoint("api-1", new long[] {5, 7}, "4", "down", "9", "up");

        NhuTimeline nhu = nhu(0, 60);

        assertThat(nhu.avoidableMs(0, 60 * S)).as("api-0 degraded, not down: [5 s, 7 s)").isEqualTo(2000.0);
        assertThat(nhu.unavoidableMs(0, 60 * S)).as("none unavoidable").isEqualTo(0.0);
    }

    @Test
    void onlyTheRunAndTheAskedRangeCount() {
        // Both unusable from -5 s to 10 s (before the run started) with truth up: avoidable.
        StepTimeline<Boolean> unusableUntil10 = StepTimeline.startingAt(false).change(10 * S, true).build();
        view.put("api-0", unusableUntil10);
        view.put("api-1", unusableUntil10);
        truth.put("api-0", StepTimeline.startingAt("up").build());
        truth.put("api-1", StepTimeline.startingAt("up").build());

        NhuTimeline nhu = nhu(2, 60);

        assertThat(nhu.avoidableMs(0, 60 * S)).as("from the run's start (2 s) to 10 s").isEqualTo(8000.0);
        assertThat(nhu.avoidableMs(5 * S, 7 * S)).as("intersected with [5 s, 7 s)").isEqualTo(2000.0);
        assertThat(nhu.avoidableMs(10 * S, 60 * S)).as("nothing after 10 s").isEqualTo(0.0);
    }

    @Test
    void nhuStillOnAtTheEndIsCutAtTheEnd() {
        endpoint("api-0", new long[] {50}, "45", "down");

        assertThat(nhu(0, 55).unavoidableMs(0, 100 * S)).as("[50 s, 55 s) of a single down endpoint").isEqualTo(5000.0);
    }

    @Test
    void oneUsableEndpointMeansNoNhu() {
        endpoint("api-0", new long[] {10, 20}, "5", "down", "25", "up");
        endpoint("api-1", new long[] {}, "5", "down", "25", "up");

        NhuTimeline nhu = nhu(0, 60);

        assertThat(nhu.segments()).as("api-1 stayed usable (false hope, but no NHU)").isEmpty();
    }
}
