package dev.gauntlet.report.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.report.run.RequestRecord;
import org.junit.jupiter.api.Test;

class OutcomeCauseTest {

    private static OutcomeCause cause(int status, String flags, String error) {
        return OutcomeCause.of(new RequestRecord(0, 1000, status, null, flags, error));
    }

    @Test
    void noResponseIsAClientTimeoutOrClientErrorFromTheErrorText() {
        assertThat(cause(0, null, "timeout")).as("status 0, timeout").isEqualTo(OutcomeCause.CLIENT_TIMEOUT);
        assertThat(cause(0, null, "Request timed out")).as("status 0, timed out").isEqualTo(OutcomeCause.CLIENT_TIMEOUT);
        assertThat(cause(0, null, "connect")).as("status 0, connect").isEqualTo(OutcomeCause.CLIENT_ERROR);
        assertThat(cause(0, null, null)).as("status 0, no error text").isEqualTo(OutcomeCause.CLIENT_ERROR);
    }

    @Test
    void successIsOkWhateverTheFlags() {
        assertThat(cause(200, null, null)).as("200").isEqualTo(OutcomeCause.OK);
        assertThat(cause(302, null, null)).as("302").isEqualTo(OutcomeCause.OK);
        assertThat(cause(200, "URX", null)).as("200 with a flag").isEqualTo(OutcomeCause.OK);
    }

    @Test
    void gatewayFlagsWinOverTheStatusAndTheMostSpecificFlagWins() {
        assertThat(cause(503, "UH", null)).as("UH").isEqualTo(OutcomeCause.UH);
        assertThat(cause(503, "UO", null)).as("UO").isEqualTo(OutcomeCause.UO);
        assertThat(cause(504, "UT", null)).as("UT").isEqualTo(OutcomeCause.UT);
        assertThat(cause(404, "NR", null)).as("NR").isEqualTo(OutcomeCause.NR);
        assertThat(cause(503, "UF,URX", null)).as("UF,URX → retries exhausted").isEqualTo(OutcomeCause.URX);
        assertThat(cause(503, "uf", null)).as("case-insensitive").isEqualTo(OutcomeCause.UF);
        assertThat(cause(503, "UHX", null)).as("no substring match: unknown flag → backend 5xx")
                .isEqualTo(OutcomeCause.BACKEND_5XX);
    }

    @Test
    void unflagged5xxIsTheBackendAndOtherStatusesAreOther() {
        assertThat(cause(500, null, null)).as("500").isEqualTo(OutcomeCause.BACKEND_5XX);
        assertThat(cause(503, "", null)).as("503 empty flags").isEqualTo(OutcomeCause.BACKEND_5XX);
        assertThat(cause(429, null, null)).as("429").isEqualTo(OutcomeCause.OTHER);
    }

    @Test
    void keysMatchTheMetricsCausesMaps() {
        assertThat(OutcomeCause.ofKey("backend_5xx")).as("known key").isEqualTo(OutcomeCause.BACKEND_5XX);
        assertThat(OutcomeCause.ofKey("client_timeout")).as("known key").isEqualTo(OutcomeCause.CLIENT_TIMEOUT);
        assertThat(OutcomeCause.ofKey("future_cause")).as("unknown key").isEqualTo(OutcomeCause.OTHER);
    }
}
