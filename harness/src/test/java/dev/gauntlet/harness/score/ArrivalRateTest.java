package dev.gauntlet.harness.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gauntlet.report.run.RequestRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArrivalRateTest {

    @Test
    void rateIsMeasuredOverTheSpanOfRequestStartsNotTheRunWindow() {
        List<RequestRecord> requests = new ArrayList<>();
        for (int i = 0; i <= 200; i++) {
            // 5 ms apart, and a slow tail answer that must not stretch the span
            long start = 1_000_000L + i * 5_000L;
            requests.add(new RequestRecord(start, start + (i == 200 ? 3_000_000 : 2_000), 200, "api-0", null, null));
        }
        assertThat(Scorer.arrivalRate(requests)).as("201 starts over exactly 1 s").isCloseTo(200.0, within(1e-9));
    }

    @Test
    void fewerThanTwoRequestsHaveNoRate() {
        assertThat(Scorer.arrivalRate(List.of())).isNull();
        assertThat(Scorer.arrivalRate(List.of(new RequestRecord(1, 2, 200, null, null, null)))).isNull();
    }
}
