package dev.gauntlet.backend.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void parsesTheContractUnits() {
        assertThat(Durations.parseOrNull("250ms")).as("250ms").isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parseOrNull("1.5s")).as("1.5s").isEqualTo(Duration.ofMillis(1500));
        assertThat(Durations.parseOrNull("2m")).as("2m").isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.parseOrNull("500us")).as("500us").isEqualTo(Duration.ofNanos(500_000));
    }

    @Test
    void rejectsWhatIsNotADuration() {
        assertThat(Durations.parseOrNull("5")).as("no unit").isNull();
        assertThat(Durations.parseOrNull("-5ms")).as("negative").isNull();
        assertThat(Durations.parseOrNull("fast")).as("words").isNull();
    }

    @Test
    void formatsAlwaysInMilliseconds() {
        assertThat(Durations.format(Duration.ofSeconds(2))).as("2s").isEqualTo("2000ms");
        assertThat(Durations.format(Duration.ofNanos(250_000))).as("0.25ms").isEqualTo("0.25ms");
        assertThat(Durations.format(Duration.ZERO)).as("zero").isEqualTo("0ms");
    }
}
