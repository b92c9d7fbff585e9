package dev.gauntlet.harness.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.gauntlet.report.run.RequestRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientStatsTest {

    private static RequestRecord request(int status, String flags, String error) {
        return new RequestRecord(0, 1000, status, null, flags, error);
    }

    @Test
    void availabilityIsOkOverAllAndPercentilesAreNearestRank() {
        List<RequestRecord> requests = new ArrayList<>();
        for (int ms = 1; ms <= 10; ms++) { // latencies 1..10 ms; the 10 ms one failed
            requests.add(new RequestRecord(0, ms * 1000L, ms == 10 ? 503 : 200, null, ms == 10 ? "UH" : null, null));
        }

        ClientStats s = ClientStats.of(requests);

        assertThat(s.requests()).as("requests").isEqualTo(10);
        assertThat(s.availability()).as("9 ok of 10").isEqualTo(0.9);
        assertThat(s.p50Ms()).as("p50 = rank ⌈0.5·10⌉ = 5th").isEqualTo(5.0);
        assertThat(s.p90Ms()).as("p90 = rank 9").isEqualTo(9.0);
        assertThat(s.p99Ms()).as("p99 = rank ⌈9.9⌉ = 10").isEqualTo(10.0);
        assertThat(s.maxMs()).as("max").isEqualTo(10.0);
        assertThat(s.causes()).as("causes").containsExactly(entry("ok", 9L), entry("UH", 1L));
    }

    @Test
    void percentilesOfAnUnsortedHundredPickTheRankedValue() {
        List<RequestRecord> requests = new ArrayList<>();
        for (int i = 100; i >= 1; i--) {
            requests.add(new RequestRecord(0, i * 1000L, 200, null, null, null));
        }

        ClientStats s = ClientStats.of(requests);

        assertThat(s.p50Ms()).as("p50 of 1..100").isEqualTo(50.0);
        assertThat(s.p90Ms()).as("p90 of 1..100").isEqualTo(90.0);
        assertThat(s.p99Ms()).as("p99 of 1..100").isEqualTo(99.0);
    }

    @Test
    void noRequestsGiveNullNotNaN() {
        ClientStats s = ClientStats.of(List.of());

        assertThat(s.requests()).as("requests").isZero();
        assertThat(s.availability()).as("availability").isNull();
        assertThat(s.p50Ms()).as("p50").isNull();
        assertThat(s.p99Ms()).as("p99").isNull();
        assertThat(s.maxMs()).as("max").isNull();
        assertThat(s.causes()).as("causes").isEmpty();
    }

    @Test
    void classifiesEveryCause() {
        assertThat(ClientStats.cause(request(200, null, null))).as("200").isEqualTo("ok");
        assertThat(ClientStats.cause(request(302, null, null))).as("302").isEqualTo("ok");
        assertThat(ClientStats.cause(request(200, "UF", null))).as("200 saved by a retry").isEqualTo("ok");
        assertThat(ClientStats.cause(request(503, "UH", null))).as("UH").isEqualTo("UH");
        assertThat(ClientStats.cause(request(503, "UO", null))).as("UO").isEqualTo("UO");
        assertThat(ClientStats.cause(request(503, "UF", null))).as("UF").isEqualTo("UF");
        assertThat(ClientStats.cause(request(504, "UT", null))).as("UT").isEqualTo("UT");
        assertThat(ClientStats.cause(request(503, "UF,URX", null))).as("URX beats UF").isEqualTo("URX");
        assertThat(ClientStats.cause(request(404, "NR", null))).as("NR").isEqualTo("NR");
        assertThat(ClientStats.cause(request(500, null, null))).as("5xx without flags").isEqualTo("backend_5xx");
        assertThat(ClientStats.cause(request(502, "", null))).as("empty flags").isEqualTo("backend_5xx");
        assertThat(ClientStats.cause(request(0, null, "Request timeout to localhost"))).as("timeout").isEqualTo("client_timeout");
        assertThat(ClientStats.cause(request(0, null, "connect"))).as("connect").isEqualTo("client_error");
        assertThat(ClientStats.cause(request(0, null, null))).as("status 0 no error").isEqualTo("client_error");
        assertThat(ClientStats.cause(request(429, null, null))).as("429").isEqualTo("other_4xx");
        assertThat(ClientStats.cause(request(503, "XX", null))).as("unknown flag").isEqualTo("other");
    }
}
