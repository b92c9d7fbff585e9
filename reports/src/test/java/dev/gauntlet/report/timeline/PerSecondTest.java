package dev.gauntlet.report.timeline;

import static dev.gauntlet.report.RunFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.report.RunFixture;
import dev.gauntlet.report.run.RequestRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PerSecondTest {

    @Test
    void bucketsByStartSecondAndCountsCauses() {
        PerSecond ps = PerSecond.of(RunFixture.requests(), RunFixture.T0, 60);

        assertThat(ps.seconds()).as("60 one-second buckets").isEqualTo(60);
        assertThat(ps.total(0)).as("10 requests each second").isEqualTo(10);
        assertThat(ps.successRate(0)).as("baseline all ok").isEqualTo(1.0);
        assertThat(ps.count(20, OutcomeCause.UH)).as("NHU second: all UH").isEqualTo(10);
        assertThat(ps.successRate(20)).as("NHU second: none ok").isEqualTo(0.0);
        assertThat(ps.count(15, OutcomeCause.CLIENT_TIMEOUT)).as("one timeout at 15 s").isEqualTo(1);
        assertThat(ps.count(15, OutcomeCause.URX)).as("one retries-exhausted at 15 s").isEqualTo(1);
        assertThat(ps.successRate(15)).as("8 of 10 ok at 15 s").isEqualTo(0.8);
    }

    @Test
    void percentilesAreNearestRankOfTheSecondsLatencies() {
        List<RequestRecord> rs = new ArrayList<>();
        for (int i = 1; i <= 100; i++) { // latencies 1..100 ms, all sent in second 2
            rs.add(new RequestRecord(at(2.001), at(2.001) + i * 1000L, 200, "a", null, null));
        }

        PerSecond ps = PerSecond.of(rs, RunFixture.T0, 5);

        assertThat(ps.p50Ms(2)).as("p50 of 1..100").isEqualTo(50.0);
        assertThat(ps.p99Ms(2)).as("p99 of 1..100").isEqualTo(99.0);
        assertThat(ps.percentileMs(2, 100)).as("p100 is the max").isEqualTo(100.0);
        assertThat(ps.p50Ms(1)).as("empty second has no percentile").isNull();
        assertThat(ps.successRate(1)).as("empty second has no success rate").isNull();
    }

    @Test
    void aRequestSentAfterTheEndExtendsTheBucketsAndOneBeforeTheStartIsDropped() {
        List<RequestRecord> rs = List.of(new RequestRecord(at(-1), at(-0.9), 200, "a", null, null),
                new RequestRecord(at(10.5), at(10.6), 200, "a", null, null));

        PerSecond ps = PerSecond.of(rs, RunFixture.T0, 10);

        assertThat(ps.seconds()).as("grown to hold the request at 10.5 s").isEqualTo(11);
        assertThat(ps.total(10)).as("counted in second 10").isEqualTo(1);
        assertThat(ps.any(OutcomeCause.OK)).as("ok occurred").isTrue();
        assertThat(ps.any(OutcomeCause.UH)).as("UH never occurred").isFalse();
    }
}
