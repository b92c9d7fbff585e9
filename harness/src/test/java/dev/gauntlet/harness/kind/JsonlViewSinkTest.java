package dev.gauntlet.harness.kind;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.report.run.RunDirectory;
import dev.gauntlet.report.run.ViewEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** view.jsonl as every kind writes it: events as the report reads them, a lost view as the agreed gap line. */
class JsonlViewSinkTest {

    @TempDir
    Path dir;

    @Test
    void writesEventsAndTheAgreedGapLine() throws IOException {
        Path file = dir.resolve(RunDirectory.VIEW);
        try (JsonlViewSink sink = new JsonlViewSink(file, "api")) {
            sink.accept(new ViewEvent(10, "api", "api-0", "healthy", true, List.of(), "snapshot"));
            sink.gap(20, "admin socket closed");
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).as("one line each").hasSize(2);
        assertThat(new RunDirectory(dir).view()).as("the event reads back").first()
                .satisfies(e -> assertThat(e.endpoint()).isEqualTo("api-0"));
        JsonNode gap = new ObjectMapper().readTree(lines.get(1));
        assertThat(gap.toString()).as("formats.md gap line, field for field").isEqualTo(
                "{\"t_us\":20,\"cluster\":\"api\",\"endpoint\":\"*\",\"state\":\"gap\",\"usable\":false,\"flags\":[],"
                        + "\"reason\":\"view_gap\",\"detail\":\"admin socket closed\"}");
    }
}
