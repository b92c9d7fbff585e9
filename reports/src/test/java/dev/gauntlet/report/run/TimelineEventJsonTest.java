package dev.gauntlet.report.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimelineEventJsonTest {

    @Test
    void probeFiguresRoundTripAndOlderLinesWithoutThemStillRead() throws Exception {
        TimelineEvent withFigures = new TimelineEvent(2_000, 1_000, TimelineEvent.INJECT, "f0", "bandwidth", "api-0", "degraded",
                "none", true, "throughput 19.6 KB/s", RunDirectory.JSON.readTree("{\"throughput_kbps\":19.6,\"asked_kbps\":20}"));
        String line = RunDirectory.JSON.writeValueAsString(withFigures);
        assertThat(line).as("written snake_case beside verification").contains("\"probe\":{\"throughput_kbps\":19.6,\"asked_kbps\":20}");
        assertThat(RunDirectory.JSON.readValue(line, TimelineEvent.class)).as("read back").isEqualTo(withFigures);

        String old = "{\"t_us\":2000,\"requested_us\":1000,\"op\":\"inject\",\"fault_id\":\"f0\",\"action\":\"crash\","
                + "\"target\":\"api-0\",\"truth\":\"down\",\"detection\":\"fast_fail\",\"verified\":true,\"verification\":\"refused\"}";
        TimelineEvent read = RunDirectory.JSON.readValue(old, TimelineEvent.class);
        assertThat(read.probe()).as("an older run's line has no figures").isNull();
        assertThat(read.requestedUs()).as("its bracket").isEqualTo(1000);
    }
}
