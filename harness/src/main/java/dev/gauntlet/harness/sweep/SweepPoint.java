package dev.gauntlet.harness.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One setting of the swept parameters, e.g. {@code healthCheck.interval=500ms, healthCheck.unhealthyThreshold=2}.
 *
 * <pre>{@code
 * SweepPoint p = new SweepPoint(0, Map.of("healthCheck.interval", TextNode.valueOf("500ms")));
 * p.overrides();   // ["gateway.config.healthCheck.interval=\"500ms\""]
 * p.label();       // "interval=500ms"
 * }</pre>
 *
 * @param settings parameter path (under {@code gateway.config}) → value, in the sweep file's order
 */
public record SweepPoint(int index, Map<String, JsonNode> settings) {

    public SweepPoint {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** {@code --set} overrides that put this point's settings into a scenario (values as JSON, which is YAML). */
    public List<String> overrides() {
        List<String> out = new ArrayList<>();
        settings.forEach((path, value) -> out.add("gateway.config." + path + "=" + value.toString()));
        return out;
    }

    /** A short label: the last segment of each path with its value. */
    public String label() {
        return settings.entrySet().stream()
                .map(e -> shortName(e.getKey()) + "=" + e.getValue().asText())
                .collect(Collectors.joining(", "));
    }

    public static String shortName(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }
}
