package dev.gauntlet.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Foreign output (System.out/err, logback, java.util.logging) goes to the file, and to the console only when verbose. */
class ForeignOutputTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;

    @BeforeEach
    void capture() {
        oldOut = System.out;
        oldErr = System.err;
        PrintStream both = new PrintStream(console, true, StandardCharsets.UTF_8);
        System.setOut(both);
        System.setErr(both);
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    private static void speakForeign() {
        System.out.println("Simulation gatling summary");
        System.err.println("stray stderr line");
        LoggerFactory.getLogger("org.testcontainers.Thing").error("testcontainers complains");
        java.util.logging.Logger.getLogger("java.util.prefs").warning("Could not lock User prefs");
    }

    @Test
    void quietByDefault() throws Exception {
        Path log = dir.resolve(ForeignOutput.FILE);
        PrintStream ours = System.out;
        try (ForeignOutput ignored = ForeignOutput.divert(log, false)) {
            speakForeign();
            ours.println("gauntlet's own line");
        }
        String shown = console.toString(StandardCharsets.UTF_8);
        assertThat(shown).as("the console: Gauntlet's line only").isEqualTo("gauntlet's own line" + System.lineSeparator());
        assertThat(Files.readString(log)).as("harness.log").contains("Simulation gatling summary", "stray stderr line",
                "testcontainers complains", "java.util.prefs - Could not lock User prefs");
        System.out.println("after");
        assertThat(console.toString(StandardCharsets.UTF_8)).as("restored after close").endsWith("after" + System.lineSeparator());
    }

    @Test
    void verboseShowsForeignLinesToo() throws Exception {
        Path log = dir.resolve(ForeignOutput.FILE);
        try (ForeignOutput ignored = ForeignOutput.divert(log, true)) {
            speakForeign();
        }
        assertThat(console.toString(StandardCharsets.UTF_8)).as("the console with --verbose")
                .contains("Simulation gatling summary", "testcontainers complains", "Could not lock User prefs");
        assertThat(Files.readString(log)).as("harness.log still").contains("Simulation gatling summary");
    }
}
