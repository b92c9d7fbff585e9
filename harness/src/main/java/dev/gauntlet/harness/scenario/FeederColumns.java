package dev.gauntlet.harness.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The columns a feeder file offers, read the way Gatling reads it: a CSV file's header line (comma separated,
 * quotes around a name dropped), a JSON file's array of objects (the first object's keys). An empty or unreadable
 * file offers none, so a {@code #{column}} that uses it is refused before the run.
 *
 * <pre>{@code
 * Set<String> cols = FeederColumns.of(new RequestSpec.Feeder(Path.of("ids.csv"), FeederFormat.CSV, CIRCULAR));
 * }</pre>
 */
final class FeederColumns {

    private FeederColumns() {
    }

    static Set<String> of(RequestSpec.Feeder feeder) {
        Set<String> out = new LinkedHashSet<>();
        try {
            if (feeder.format() == RequestSpec.FeederFormat.CSV) {
                try (BufferedReader in = Files.newBufferedReader(feeder.file(), StandardCharsets.UTF_8)) {
                    String header = in.readLine();
                    String row = in.readLine();
                    if (header != null && row != null) { // a header with no record would stop Gatling at start
                        for (String c : header.split(",")) {
                            out.add(c.trim().replaceAll("^\"|\"$", ""));
                        }
                    }
                }
            } else {
                JsonNode root = new ObjectMapper().readTree(feeder.file().toFile());
                if (root != null && root.isArray() && root.size() > 0 && root.get(0).isObject()) {
                    root.get(0).fieldNames().forEachRemaining(out::add);
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            return Set.of();
        }
        return out;
    }
}
