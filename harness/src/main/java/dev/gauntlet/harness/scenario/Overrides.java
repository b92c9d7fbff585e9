package dev.gauntlet.harness.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies {@code --set path=value} overrides to a scenario tree before validation, so an override
 * is validated exactly like the file. Paths use the error format's syntax:
 * {@code load.rate=50/s}, {@code faults[0].at=10s}, {@code gateway.config.healthCheck.interval=500ms}.
 * Values are read as YAML scalars or flow collections ({@code [200, 204]}).
 */
public final class Overrides {

    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_-]*)((?:\\[\\d+])*)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

    private Overrides() {
    }

    public static void apply(String file, ObjectNode root, List<String> overrides) {
        for (String override : overrides) {
            int eq = override.indexOf('=');
            if (eq <= 0) {
                throw new ScenarioInvalidException(file, "--set", override, "path=value");
            }
            String path = override.substring(0, eq).trim();
            JsonNode value = parseValue(file, path, override.substring(eq + 1));
            set(file, root, path, value);
        }
    }

    private static JsonNode parseValue(String file, String path, String text) {
        JsonNode v = StrictYaml.parseValue(file, path, text.isEmpty() ? "''" : text);
        return v == null ? ScenarioLoader.YAML.getNodeFactory().nullNode() : v;
    }

    private static void set(String file, ObjectNode root, String path, JsonNode value) {
        String[] segments = path.split("\\.");
        JsonNode current = root;
        for (int s = 0; s < segments.length; s++) {
            Matcher m = SEGMENT.matcher(segments[s]);
            if (!m.matches()) {
                throw new ScenarioInvalidException(file, path, segments[s], "a field path like load.rate or faults[0].at");
            }
            boolean last = s == segments.length - 1;
            List<Integer> indices = INDEX.matcher(m.group(2)).results().map(r -> Integer.parseInt(r.group(1))).toList();
            if (!(current instanceof ObjectNode obj)) {
                throw new ScenarioInvalidException(file, path, segments[s], "a path through mappings");
            }
            if (indices.isEmpty()) {
                if (last) {
                    obj.set(m.group(1), value);
                    return;
                }
                JsonNode next = obj.get(m.group(1));
                if (next == null || !next.isObject()) {
                    next = obj.putObject(m.group(1));
                }
                current = next;
                continue;
            }
            JsonNode next = obj.get(m.group(1));
            for (int k = 0; k < indices.size(); k++) {
                int index = indices.get(k);
                if (!(next instanceof ArrayNode array) || index >= array.size()) {
                    throw new ScenarioInvalidException(file, path, segments[s], "an existing list element");
                }
                if (last && k == indices.size() - 1) {
                    array.set(index, value);
                    return;
                }
                next = array.get(index);
            }
            current = next;
        }
    }
}
