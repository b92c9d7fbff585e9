package dev.gauntlet.backend.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapacityLimiterTest {
    @Test
    void admitsUpToTheLimitQueuesUpToTheQueueSizeThenRejects() {
        Stats stats = new Stats();
        CapacityLimiter l = new CapacityLimiter(2, 1, stats);
        List<String> started = new ArrayList<>();
        assertThat(l.admit(() -> started.add("a"))).as("first").isEqualTo(CapacityLimiter.Admission.ADMITTED);
        assertThat(l.admit(() -> started.add("b"))).as("second").isEqualTo(CapacityLimiter.Admission.ADMITTED);
        assertThat(l.admit(() -> started.add("c"))).as("third").isEqualTo(CapacityLimiter.Admission.QUEUED);
        assertThat(l.admit(() -> started.add("d"))).as("fourth").isEqualTo(CapacityLimiter.Admission.REJECTED);
        assertThat(stats.queued.get()).as("queued").isEqualTo(1);
        l.release();
        assertThat(started).as("queued request started by a release").containsExactly("c");
        assertThat(stats.queued.get()).as("queued after release").isZero();
        l.release();
        l.release();
        assertThat(l.admit(() -> { })).as("after all released").isEqualTo(CapacityLimiter.Admission.ADMITTED);
    }
}
