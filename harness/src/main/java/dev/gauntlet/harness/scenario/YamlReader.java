package dev.gauntlet.harness.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Iterator;
import java.util.Set;

/**
 * Reads typed fields out of a YAML tree while tracking the field path, so every error names the
 * file, the path, the value and the rule in the one format.
 *
 * <pre>{@code
 * YamlReader root = YamlReader.root("crash.yaml", tree);
 * Duration at = root.at("faults").index(0).duration("at", null);
 * }</pre>
 */
public final class YamlReader {

    private final String file;
    private final String path;
    private final JsonNode node;

    private YamlReader(String file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    public static YamlReader root(String file, JsonNode node) {
        return new YamlReader(file, "", node);
    }

    public JsonNode node() {
        return node;
    }

    public String path() {
        return path;
    }

    public boolean isMissing() {
        return node == null || node.isMissingNode() || node.isNull();
    }

    public boolean has(String field) {
        return node != null && node.hasNonNull(field);
    }

    public YamlReader at(String field) {
        return new YamlReader(file, child(field), node == null ? null : node.get(field));
    }

    public YamlReader index(int i) {
        return new YamlReader(file, path + "[" + i + "]", node.get(i));
    }

    public int size() {
        return node == null || !node.isArray() ? 0 : node.size();
    }

    public ScenarioInvalidException invalid(String value, String expected) {
        return new ScenarioInvalidException(file, path.isEmpty() ? "(root)" : path, value, expected);
    }

    /** An error at {@code relativePath} below this node (dotted, e.g. {@code healthCheck.interval}; empty: here). */
    public ScenarioInvalidException invalidBelow(String relativePath, String value, String expected) {
        String here = path.isEmpty() ? "(root)" : path;
        return new ScenarioInvalidException(file, relativePath.isEmpty() ? here : here + "." + relativePath, value, expected);
    }

    public ScenarioInvalidException invalidField(String field, String value, String expected) {
        return new ScenarioInvalidException(file, child(field), value, expected);
    }

    /** Refuses fields this reader does not know, so a typo is an error and not a silent default. */
    public YamlReader onlyFields(Set<String> known) {
        if (node != null && node.isObject()) {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!known.contains(name)) {
                    throw invalidField(name, "unknown field", "one of " + String.join(", ", known.stream().sorted().toList()));
                }
            }
        }
        return this;
    }

    public YamlReader requireObject() {
        if (node == null || !node.isObject()) {
            throw invalid(show(node), "a mapping");
        }
        return this;
    }

    public YamlReader requireArray() {
        if (node == null || !node.isArray()) {
            throw invalid(show(node), "a list");
        }
        return this;
    }

    public String string(String field, String fallback) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            if (fallback == null) {
                throw invalidField(field, "missing", "a value");
            }
            return fallback;
        }
        if (!v.isValueNode()) {
            throw invalidField(field, show(v), "a text value");
        }
        return v.asText();
    }

    public String oneOf(String field, String fallback, Set<String> allowed) {
        String v = string(field, fallback);
        if (!allowed.contains(v)) {
            throw invalidField(field, v, "one of " + String.join(", ", allowed.stream().sorted().toList()));
        }
        return v;
    }

    public long integer(String field, Long fallback, long min, long max) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            if (fallback == null) {
                throw invalidField(field, "missing", "an integer from " + min + " to " + max);
            }
            return fallback;
        }
        if (!v.canConvertToLong() || !v.isIntegralNumber()) {
            throw invalidField(field, show(v), "an integer from " + min + " to " + max);
        }
        long n = v.asLong();
        if (n < min || n > max) {
            throw invalidField(field, show(v), "an integer from " + min + " to " + max);
        }
        return n;
    }

    public Duration duration(String field, Duration fallback, Duration min) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            if (fallback == null) {
                throw invalidField(field, "missing", Durations.RULE);
            }
            return fallback;
        }
        Duration d = v.isValueNode() ? Durations.parseOrNull(v.asText()) : null;
        if (d == null) {
            throw invalidField(field, show(v), Durations.RULE);
        }
        if (d.compareTo(min) < 0) {
            throw invalidField(field, show(v), ">= " + Durations.format(min));
        }
        return d;
    }

    static String show(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "missing";
        }
        if (v.isNull()) {
            return "null";
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }

    private String child(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
