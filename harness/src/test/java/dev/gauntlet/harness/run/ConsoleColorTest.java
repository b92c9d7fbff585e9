package dev.gauntlet.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Colour only on a terminal, never with NO_COLOR set (no-color.org) or TERM=dumb. */
class ConsoleColorTest {

    @Test
    void noColorSetToAnythingTurnsColourOff() {
        assertThat(ConsoleColor.enabled("1", "xterm", true)).as("NO_COLOR=1 on a terminal").isFalse();
        assertThat(ConsoleColor.enabled("", "xterm", true)).as("NO_COLOR empty counts as unset").isTrue();
        assertThat(ConsoleColor.enabled(null, "xterm", true)).as("unset on a terminal").isTrue();
    }

    @Test
    void pipesAndDumbTerminalsGetNoColour() {
        assertThat(ConsoleColor.enabled(null, "xterm", false)).as("not a terminal").isFalse();
        assertThat(ConsoleColor.enabled(null, "dumb", true)).as("TERM=dumb").isFalse();
    }

    @Test
    void verdictWordsArePaintedOnlyWhenOn() {
        assertThat(ConsoleColor.paint("fail", false)).as("off").isEqualTo("fail");
        assertThat(ConsoleColor.paint("fail", true)).as("on: red").isEqualTo("\u001b[31mfail\u001b[0m");
        assertThat(ConsoleColor.paint("pass", true)).as("on: green").isEqualTo("\u001b[32mpass\u001b[0m");
    }
}
