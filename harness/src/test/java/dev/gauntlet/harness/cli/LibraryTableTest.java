package dev.gauntlet.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library's results table, from a literal gate directory and literal scenario headers. */
class LibraryTableTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path gateDir() throws IOException {
        Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
        Files.writeString(scenarios.resolve("good.yaml"), "# Cause: a crash (guide 2.1, \"Crash\").\nname: good\n");
        Files.writeString(scenarios.resolve("bad.yaml"), "# BAD SETTING — this scenario is meant to FAIL its avoidable_nhu"
                + " expectation (pair: good).\n#\n# Cause: a wrong path (guide 2.4).\nname: bad\n");
        Path gate = Files.createDirectories(dir.resolve("gates").resolve("20261126-120000-full"));
        run(gate, "good-run", 95.5, 0.0, 0.9990, "[{\"detection_ms\": 754.4, \"bound_ms\": [0, 4875]},"
                + " {\"detection_ms\": 3000, \"bound_ms\": [2000, 3375], \"detection_bracket_ms\": [3000, 3000.5],"
                + " \"mechanism\": \"active_check\", \"recovery_ms\": 1200, \"recovery_bound_ms\": [1000, 2550],"
                + " \"recovery_bracket_ms\": [1200, 1200.5], \"recovery_mechanism\": \"active_check\"}]");
        run(gate, "bad-run", 20.0, 8123.0, 0.5, "[]");
        Files.writeString(gate.resolve("gate.json"), """
                {"suite": "full", "scenarios": [
                  {"label": "good", "scenario": "good", "runs": ["runs/good-run"],
                   "gated": {"verdict": "pass", "checks": [{"name": "avoidable_nhu", "verdict": "pass"}]}},
                  {"label": "bad", "scenario": "/abs/scenarios/bad.yaml", "runs": ["runs/bad-run"],
                   "gated": {"verdict": "fail", "checks": [{"name": "avoidable_nhu", "verdict": "fail"}]}}]}
                """);
        return gate;
    }

    private static void run(Path gate, String id, double score, double avoidableMs, double availability, String faults)
            throws IOException {
        Path run = Files.createDirectories(gate.resolve("runs").resolve(id));
        Files.writeString(run.resolve("result.json"), JSON.readTree("""
                {"score": %s, "metrics": {"avoidable_nhu_ms": %s, "availability": %s}, "faults": %s}
                """.formatted(score, avoidableMs, availability, faults)).toString());
    }

    @Test
    void readsEachScenariosVerdictAndKeyFiguresFromTheGateRun() throws IOException {
        List<LibraryTable.Row> rows = LibraryTable.rows(gateDir(), dir.resolve("scenarios"));

        assertThat(rows).extracting(LibraryTable.Row::scenario).as("in suite order").containsExactly("good", "bad");
        LibraryTable.Row good = rows.get(0);
        assertThat(good.guide()).as("the guide's section from the header").isEqualTo("2.1");
        assertThat(good.asDesigned()).as("a good scenario that passed").isTrue();
        assertThat(good.worstDetection()).as("the fault nearest its upper bound, with mechanism and bracket")
                .isEqualTo("active_check 3000–3000.5 ms / 2000–3375 ms");
        assertThat(good.worstRecovery()).as("recovery likewise").isEqualTo("active_check 1200–1200.5 ms / 1000–2550 ms");
        assertThat(good.availability()).as("as a percentage").isEqualTo("99.90%");
        assertThat(good.avoidableNhu()).as("in ms under a second").isEqualTo("0 ms");
        LibraryTable.Row bad = rows.get(1);
        assertThat(bad.failsOn()).as("the check the bad half exists to fail").isEqualTo("avoidable_nhu");
        assertThat(bad.asDesigned()).as("it failed on that very check").isTrue();
        assertThat(bad.avoidableNhu()).as("in seconds").isEqualTo("8.1 s");
        assertThat(bad.worstDetection()).as("no detectable fault").isEqualTo("—");
    }

    @Test
    void aResultScoredBeforeBracketsStillShowsItsFigures() throws IOException {
        Path gate = gateDir();
        run(gate, "good-run", 95.5, 0.0, 0.9990, "[{\"detection_ms\": 3000, \"bound_ms\": [2000, 3375]}]");

        assertThat(LibraryTable.rows(gate, dir.resolve("scenarios")).get(0).worstDetection()).as("old result.json")
                .isEqualTo("3000 ms / 3375 ms");
    }

    @Test
    void aBadHalfThatPassesOrAGoodOneThatFailsIsNotAsDesigned() throws IOException {
        Path gate = gateDir();
        Files.writeString(gate.resolve("gate.json"), Files.readString(gate.resolve("gate.json"))
                .replace("\"verdict\": \"pass\", \"checks\"", "\"verdict\": \"fail\", \"checks\"")
                .replace("{\"name\": \"avoidable_nhu\", \"verdict\": \"fail\"}", "{\"name\": \"avoidable_nhu\", \"verdict\": \"pass\"}"));

        assertThat(LibraryTable.rows(gate, dir.resolve("scenarios"))).extracting(LibraryTable.Row::asDesigned)
                .as("good failed; bad failed, but not on its check").containsExactly(false, false);
    }

    @Test
    void rendersTheSummaryAndOneLinePerScenario() throws IOException {
        Path gate = gateDir();
        List<LibraryTable.Row> rows = LibraryTable.rows(gate, dir.resolve("scenarios"));

        String summary = LibraryTable.summary(gate, rows);
        String table = LibraryTable.render(rows, summary);

        assertThat(summary).as("counts").contains("2 scenarios, 1 passed, 1 failed (1 of them bad halves")
                .contains("0 not as designed").contains("wall time");
        assertThat(table).as("a row per scenario").contains("| `good` | 2.1 | pass | yes | 95.5 | 0 ms |"
                        + " active_check 3000–3000.5 ms / 2000–3375 ms | active_check 1200–1200.5 ms / 1000–2550 ms | 99.90% |")
                .contains("| `bad` | 2.4 | fail (bad half: avoidable_nhu) | yes | 20.0 | 8.1 s | — | — | 50.00% |");
    }

    @Test
    void takesARerunScenariosRowFromTheLaterGateRunAndSaysSo() throws IOException {
        Path full = gateDir();
        Path later = Files.createDirectories(dir.resolve("gates").resolve("20261126-130000-rerun"));
        run(later, "bad-run-2", 25.0, 9000.0, 0.4, "[]");
        Files.writeString(later.resolve("gate.json"), """
                {"suite": "rerun", "scenarios": [
                  {"label": "bad", "scenario": "bad", "runs": ["runs/bad-run-2"],
                   "gated": {"verdict": "fail", "checks": [{"name": "avoidable_nhu", "verdict": "fail"}]}}]}
                """);

        List<LibraryTable.Row> rows = LibraryTable.rows(List.of(full, later), dir.resolve("scenarios"));

        assertThat(rows).extracting(LibraryTable.Row::scenario).as("the full run's order").containsExactly("good", "bad");
        assertThat(rows.get(1).score()).as("the re-run's figures").isEqualTo("25.0");
        assertThat(rows.get(0).gate()).as("the rest from the full run").isEqualTo("20261126-120000-full");
        assertThat(LibraryTable.summary(List.of(full, later), rows)).as("names the re-run and its scenarios")
                .contains("Re-run or added in gate `20261126-130000-rerun`").contains("`bad`");
    }

    @Test
    void replacesOnlyWhatLiesBetweenTheMarkers() {
        String doc = "intro\n" + LibraryTable.BEGIN + "\nold table\n" + LibraryTable.END + "\noutro\n";

        assertThat(LibraryTable.replaceBetweenMarkers(doc, "new table\n")).as("the rest untouched")
                .isEqualTo("intro\n" + LibraryTable.BEGIN + "\nnew table\n" + LibraryTable.END + "\noutro\n");
        assertThatThrownBy(() -> LibraryTable.replaceBetweenMarkers("no markers", "t")).as("markers missing")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(LibraryTable.BEGIN);
    }

    @Test
    void findsTheNewestGateRunOfASuite() throws IOException {
        Path gates = Files.createDirectories(dir.resolve("g"));
        for (String name : List.of("20261126-100000-full", "20261126-110000-full-2", "20261126-120000-ci", "20261126-130000-full")) {
            Files.writeString(Files.createDirectories(gates.resolve(name)).resolve("gate.json"), "{}");
        }
        Files.createDirectories(gates.resolve("20261126-140000-full")); // unfinished: no gate.json

        assertThat(LibraryTableCommand.newest(gates, "full").getFileName().toString()).as("newest finished full run")
                .isEqualTo("20261126-130000-full");
    }
}
