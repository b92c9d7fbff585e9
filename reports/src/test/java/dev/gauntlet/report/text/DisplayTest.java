package dev.gauntlet.report.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DisplayTest {

    @Test
    void nullIsShownAsUnknownNeverAsZero() {
        assertThat(Display.ms(null)).as("ms").isEqualTo("unknown");
        assertThat(Display.percent(null)).as("percent").isEqualTo("unknown");
        assertThat(Display.duration(null)).as("duration").isEqualTo("unknown");
        assertThat(Display.score(null)).as("score").isEqualTo("unknown");
        assertThat(Display.yesNo(null)).as("yes/no").isEqualTo("unknown");
        assertThat(Display.text(" ")).as("blank text").isEqualTo("unknown");
    }

    @Test
    void fractionsArePercentagesAndLargerValuesAreTakenAsPercentAlready() {
        assertThat(Display.percent(0.88)).as("fraction").isEqualTo("88.00%");
        assertThat(Display.percent(0.99421)).as("three decimals in the nines").isEqualTo("99.421%");
        assertThat(Display.percent(1.0)).as("all").isEqualTo("100.00%");
        assertThat(Display.percent(99.5)).as("already a percentage").isEqualTo("99.500%");
    }

    @Test
    void millisecondsKeepPrecisionThatFitsTheirSizeAndLongDurationsTurnToSeconds() {
        assertThat(Display.ms(1840.0)).as("large").isEqualTo("1840 ms");
        assertThat(Display.ms(12.345)).as("tens").isEqualTo("12.3 ms");
        assertThat(Display.ms(0.456)).as("sub-ms").isEqualTo("0.46 ms");
        assertThat(Display.duration(12_400.0)).as("seconds").isEqualTo("12.4 s");
    }

    @Test
    void boundsReadAsRanges() {
        assertThat(Display.bound(List.of(2000.0, 3500.0))).as("range").isEqualTo("2000–3500 ms");
        assertThat(Display.bound(Arrays.asList(2000.0, null))).as("open-ended").isEqualTo("≥ 2000 ms");
        assertThat(Display.bound(null)).as("none").isEqualTo("no bound");
    }

    @Test
    void anythingButPassOrFailIsAnUnknownVerdict() {
        assertThat(Display.verdict("PASS")).as("case-insensitive").isEqualTo("pass");
        assertThat(Display.verdict("error")).as("unrecognised").isEqualTo("unknown");
        assertThat(Display.verdictEmoji("fail")).as("fail emoji").isEqualTo("❌");
        assertThat(Display.verdictEmoji(null)).as("unknown emoji").isEqualTo("❔");
    }
}
