package dev.gauntlet.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TruthTableTest {

    @TempDir
    Path gate;

    private void run(String id, String kind, String fault) throws IOException {
        Path dir = Files.createDirectories(gate.resolve("runs").resolve(id));
        Files.writeString(dir.resolve("run.json"), "{\"scenario\":\"truth-refuse\",\"gateway_kind\":\"" + kind + "\"}");
        Files.writeString(dir.resolve("result.json"), "{\"scenario\":\"truth-refuse\",\"faults\":[" + fault + "]}");
    }

    @Test
    void summarisesEachKindAndScenarioWithMedianSpreadAndBoundHits() throws IOException {
        run("r1", "haproxy", "{\"action\":\"refuse\",\"detection_ms\":2000,\"recovery_ms\":1000,\"bound_ms\":[2000,3075],"
                + "\"inside_bound\":true,\"recovery_inside_bound\":true,\"mechanism\":\"active_check\"}");
        run("r2", "haproxy", "{\"action\":\"refuse\",\"detection_ms\":2100,\"recovery_ms\":1200,\"bound_ms\":[2000,3075],"
                + "\"inside_bound\":true,\"recovery_inside_bound\":false,\"mechanism\":\"active_check\"}");
        run("r3", "haproxy", "{\"action\":\"refuse\",\"detection_ms\":2600,\"bound_ms\":[2000,3075],"
                + "\"inside_bound\":null,\"mechanism\":\"active_check\"}");
        run("r4", "envoy", "{\"action\":\"refuse\",\"detection_ms\":50,\"inside_bound\":false,\"mechanism\":\"outlier_ejection\"}");

        List<TruthTable.Row> rows = TruthTable.rows(List.of(gate));

        assertThat(rows).as("one row per kind and scenario, sorted").extracting(TruthTable.Row::kind)
                .containsExactly("envoy", "haproxy");
        TruthTable.Row haproxy = rows.get(1);
        assertThat(haproxy.runs()).isEqualTo(3);
        assertThat(haproxy.detectionInside()).as("an undecided run is not counted inside").isEqualTo(2);
        assertThat(haproxy.recoveryOutside()).isEqualTo(1);
        assertThat(TruthTable.spread(haproxy.detections())).as("median (min–max) CV")
                .isEqualTo("2100 (2000–2600) CV 14%");
        String md = TruthTable.markdown(rows);
        assertThat(md).contains("| haproxy | truth-refuse | 3 | 2100 (2000–2600) CV 14% | [2000, 3075] | 2 / 0 / 1 |")
                .contains("active_check ×3").contains("| envoy | truth-refuse | 1 | 50 (50–50) CV — |");
    }

    @Test
    void noFiguresShowAsADash() {
        assertThat(TruthTable.spread(List.of())).isEqualTo("—");
    }
}
