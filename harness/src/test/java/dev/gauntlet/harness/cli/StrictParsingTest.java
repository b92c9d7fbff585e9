package dev.gauntlet.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Strict parsing through the CLI, as a user meets it: duplicate keys naming both lines, a file over 1 MiB
 * refused at once with its size, an alias flood refused; each one line and exit 2, for scenario, suite and
 * sweep files and for {@code --set} values.
 */
class StrictParsingTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream oldErr;
    private PrintStream oldOut;

    @BeforeEach
    void capture() {
        oldErr = System.err;
        oldOut = System.out;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(oldErr);
        System.setOut(oldOut);
    }

    private static final String GOOD = """
            name: strict
            backends:
              - pool: api
                replicas: 2
            load:
              rate: 20/s
              duration: 5s
            """;

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void duplicateTopLevelKeyNamesBothLines() throws IOException {
        Path f = write("dup.yaml", GOOD + "name: other\n");
        int code = GauntletMain.execute("validate", f.toString());
        assertThat(code).as("exit code").isEqualTo(2);
        assertThat(errors().strip()).as("one line naming the key and both lines")
                .isEqualTo("dup.yaml: name: duplicate key name (expected: each key once; first at line 1, again at line 8)");
    }

    @Test
    void duplicateNestedKeyNamesItsPathAndBothLines() throws IOException {
        Path f = write("nested.yaml", GOOD.replace("  duration: 5s\n", "  duration: 5s\n  rate: 30/s\n"));
        int code = GauntletMain.execute("validate", f.toString());
        assertThat(code).as("exit code").isEqualTo(2);
        assertThat(errors().strip()).as("the path of the duplicate")
                .isEqualTo("nested.yaml: load.rate: duplicate key rate (expected: each key once; first at line 6, again at line 8)");
    }

    @Test
    void duplicateKeyInsideAListElementIsFoundToo() throws IOException {
        Path f = write("list.yaml", GOOD.replace("    replicas: 2\n", "    replicas: 2\n    replicas: 3\n"));
        assertThat(GauntletMain.execute("validate", f.toString())).as("exit code").isEqualTo(2);
        assertThat(errors().strip()).as("path through the list")
                .isEqualTo("list.yaml: backends[0].replicas: duplicate key replicas (expected: each key once; first at line 4, again at line 5)");
    }

    @Test
    void fileOverOneMebibyteIsRefusedFromItsSizeAtOnce() throws IOException {
        Path f = dir.resolve("huge.yaml");
        byte[] line = "# padding padding padding padding padding padding padding padding padding\n".getBytes(StandardCharsets.UTF_8);
        try (var o = Files.newOutputStream(f)) {
            o.write(GOOD.getBytes(StandardCharsets.UTF_8));
            for (long written = 0; written < 12L * 1024 * 1024; written += line.length) {
                o.write(line);
            }
        }
        long size = Files.size(f);
        long t0 = System.nanoTime();
        int code = GauntletMain.execute("validate", f.toString());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(code).as("exit code").isEqualTo(2);
        assertThat(ms).as("refused before parsing (ms)").isLessThan(1000);
        assertThat(errors().strip()).as("one line with the size")
                .isEqualTo("huge.yaml: (file): 12.0 MiB (" + size + " bytes) (expected: a file of at most 1 MiB)");
    }

    @Test
    void aliasIsRefusedWhereItIsBecauseJacksonWouldReadTheAnchorsName() throws IOException {
        Path f = write("alias.yaml", GOOD + "gateway:\n  config:\n    healthCheck: *hc\ndescription: &hc x\n");
        assertThat(GauntletMain.execute("validate", f.toString())).as("exit code").isEqualTo(2);
        assertThat(errors().strip()).as("the alias, its path and line")
                .isEqualTo("alias.yaml: gateway.config.healthCheck: alias *hc at line 10 (expected: no aliases: the value"
                        + " written out (an alias would be read as the anchor's name, not its value))");
    }

    @Test
    void aliasFloodIsRefusedAtOnce() throws IOException {
        StringBuilder b = new StringBuilder(GOOD).append("description: x\nx:\n  a0: &a0 [1, 2, 3, 4, 5, 6, 7, 8, 9]\n");
        for (int i = 1; i < 10; i++) {
            b.append("  a").append(i).append(": &a").append(i).append(" [");
            for (int k = 0; k < 9; k++) {
                b.append(k == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            b.append("]\n");
        }
        Path f = write("laughs.yaml", b.toString());
        long t0 = System.nanoTime();
        assertThat(GauntletMain.execute("validate", f.toString())).as("exit code").isEqualTo(2);
        assertThat((System.nanoTime() - t0) / 1_000_000).as("ms to refuse a billion laughs").isLessThan(1000);
        assertThat(errors().strip()).as("the first alias")
                .startsWith("laughs.yaml: x.a1[0]: alias *a0 at line 11 (expected: no aliases");
    }

    @Test
    void setValueWithDuplicateKeyIsRefused() throws IOException {
        Path f = write("ok.yaml", GOOD);
        int code = GauntletMain.execute("run", f.toString(), "--dry-run", "--set", "gateway.config={a: 1, a: 2}");
        assertThat(code).as("exit code").isEqualTo(2);
        assertThat(errors().strip()).as("the --set path named")
                .isEqualTo("ok.yaml: gateway.config: duplicate key a (expected: each key once; first at line 1, again at line 1)");
    }

    @Test
    void suiteAndSweepFilesAreStrictToo() throws IOException {
        write("s.yaml", GOOD);
        Path suite = write("suite.yaml", "name: x\nscenarios:\n  - scenario: s.yaml\nname: y\n");
        assertThat(GauntletMain.execute("gate", suite.toString())).as("suite exit code").isEqualTo(2);
        assertThat(errors().strip()).as("suite")
                .isEqualTo("suite.yaml: name: duplicate key name (expected: each key once; first at line 1, again at line 4)");
        err.reset();
        Path sweep = write("sweep.yaml", "name: x\ntrials: 1\ntrials: 2\n");
        assertThat(GauntletMain.execute("sweep", sweep.toString())).as("sweep exit code").isEqualTo(2);
        assertThat(errors().strip()).as("sweep")
                .isEqualTo("sweep.yaml: trials: duplicate key trials (expected: each key once; first at line 2, again at line 3)");
        assertThat(errors().lines().toList()).as("never a stack trace").hasSize(1);
        assertThat(List.of(out.toString(StandardCharsets.UTF_8))).as("nothing on stdout").containsExactly("");
    }
}
