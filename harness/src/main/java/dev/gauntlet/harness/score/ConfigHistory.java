package dev.gauntlet.harness.score;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.report.run.RunDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The configs the gateway ran with, by time: {@code gateway-config-history.jsonl} (one line per effective config,
 * {@code {"t_us":…,"source":"connect|admin_put|…","config":{…}}}, the first at connect), else the single
 * {@code gateway-config.json}. A fault's bounds come from the config in effect at its inject, so a
 * {@code gateway_config} fault that changes the check timing mid-run changes the bounds of the faults after it.
 *
 * <pre>{@code
 * ConfigHistory h = ConfigHistory.load(dir, connectConfig);
 * JsonNode config = h.at(inject.requestedUs());
 * }</pre>
 */
final class ConfigHistory {

    static final String FILE = "gateway-config-history.jsonl";

    private record Entry(long tUs, String source, JsonNode config) {
    }

    private final List<Entry> entries;
    private final JsonNode fallback;

    private ConfigHistory(List<Entry> entries, JsonNode fallback) {
        this.entries = entries;
        this.fallback = fallback;
    }

    /** Unreadable history lines are skipped; an unreadable file leaves only {@code connectConfig}. */
    static ConfigHistory load(RunDirectory dir, JsonNode connectConfig) {
        List<Entry> entries = new ArrayList<>();
        Path path = dir.file(FILE);
        if (Files.isRegularFile(path)) {
            try {
                for (String line : Files.readAllLines(path)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    try {
                        JsonNode n = RunDirectory.JSON.readTree(line);
                        if (n.path("config").isObject() && n.path("t_us").canConvertToLong()) {
                            entries.add(new Entry(n.path("t_us").asLong(), n.path("source").asText(null), n.get("config")));
                        }
                    } catch (IOException torn) {
                        // a torn last line (the run was killed while writing) holds no config
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                entries.clear();
            }
        }
        entries.sort(java.util.Comparator.comparingLong(Entry::tUs));
        return new ConfigHistory(List.copyOf(entries), connectConfig);
    }

    /** The config in effect at {@code tUs}: the last entry at or before it, else the first (connect), else the fallback. */
    JsonNode at(long tUs) {
        JsonNode found = null;
        for (Entry e : entries) {
            if (e.tUs() <= tUs) {
                found = e.config();
            }
        }
        if (found != null) {
            return found;
        }
        return entries.isEmpty() ? fallback : entries.get(0).config();
    }

    /** Whether more than one config was in effect during the run. */
    boolean changed() {
        return entries.size() > 1;
    }
}
