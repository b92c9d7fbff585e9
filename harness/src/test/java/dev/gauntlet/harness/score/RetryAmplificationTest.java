package dev.gauntlet.harness.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RetryAmplificationTest {

    /** Literal /metrics text as our gateway writes it, plus the quirks of other Prometheus clients. */
    static final String METRICS = """
            # HELP gauntlet_upstream_attempts_total upstream tries
            # TYPE gauntlet_upstream_attempts_total counter
            gauntlet_upstream_attempts_total{cluster="api",endpoint="api-0",result="ok"} 300.0
            gauntlet_upstream_attempts_total{cluster="api",endpoint="api-0",result="connect_failure"} 6.0
            gauntlet_upstream_attempts_total{cluster="api",endpoint="api-1",result="ok",} 306
            gauntlet_upstream_attempts_total{cluster="admin",endpoint="adm-0",result="ok"} 1000.0
            gauntlet_upstream_attempts_total{cluster="api",endpoint="api-2",result="ok"} not-a-number
            # TYPE gauntlet_requests_total counter
            gauntlet_requests_total{cluster="api",flag="-",status="2xx"} 6.0E2
            gauntlet_requests_total{cluster="api",flag="UH",status="5xx"} 10.0 1795691709394
            gauntlet_requests_total{cluster="-",flag="NR",status="4xx"} 5.0
            gauntlet_request_duration_seconds_count{cluster="api"} 610
            """;

    @Test
    void dividesTheClustersAttemptsByItsRequests() {
        RetryAmplification r = RetryAmplification.of(METRICS, "api");

        assertThat(r.attempts()).as("300 + 6 + 306; other clusters and a malformed value left out").isEqualTo(612.0);
        assertThat(r.requests()).as("600 + 10 (NHU answers made no attempt but were requests)").isEqualTo(610.0);
        assertThat(r.value()).as("612 / 610").isCloseTo(1.0032786885, within(1e-9));
        assertThat(r.reason()).as("known").isNull();
    }

    @Test
    void aMissingFileIsUnknownWithItsReason() {
        RetryAmplification r = RetryAmplification.of(null, "api");

        assertThat(r.value()).as("unknown").isNull();
        assertThat(r.reason()).as("why").isEqualTo("gateway-metrics.prom missing: the gateway's /metrics was not saved");
    }

    @Test
    void noCounterForTheClusterIsUnknownNotZero() {
        assertThat(RetryAmplification.of(METRICS, "billing").reason()).as("no requests counted for that cluster")
                .isEqualTo("gateway-metrics.prom has no gauntlet_requests_total for cluster billing");
        String attemptsOnly = "gauntlet_upstream_attempts_total{cluster=\"api\"} 4\n";
        assertThat(RetryAmplification.of(attemptsOnly, "api").value()).as("no request counter").isNull();
        String zero = attemptsOnly + "gauntlet_requests_total{cluster=\"api\",flag=\"-\",status=\"2xx\"} 0\n";
        assertThat(RetryAmplification.of(zero, "api").reason()).as("zero requests: no ratio")
                .isEqualTo("the gateway counted no requests for cluster api");
    }
}
