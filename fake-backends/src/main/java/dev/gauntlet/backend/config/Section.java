package dev.gauntlet.backend.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/**
 * One object of a behaviour document being read: typed getters with defaults, and errors whose
 * path is relative to this object. Unknown keys are errors, because a misspelt knob that silently
 * does nothing makes a scenario measure something other than what its author meant.
 *
 * <pre>{@code
 * Section s = Section.of(json, List.of("fixed", "median", "p99"));
 * Duration fixed = s.duration("fixed", null);
 * }</pre>
 */
public final class Section {
    private final JsonNode node;

    private Section(JsonNode node) {
        this.node = node;
    }

    /** Wraps {@code node} (missing or null means empty), rejecting non-objects and unknown keys. */
    public static Section of(JsonNode node, List<String> allowed) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return new Section(MissingNode.getInstance());
        }
        if (!node.isObject()) {
            throw BehaviourInvalidException.of("", node, "an object with keys " + String.join(", ", allowed));
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw BehaviourInvalidException.of(key, node.get(key), "one of the keys " + String.join(", ", allowed));
            }
        }
        return new Section(node);
    }

    /** Reads the child object {@code key} with {@code reader}, prefixing any error's path with {@code key}. */
    public <T> T child(String key, List<String> allowed, Function<Section, T> reader) {
        try {
            return reader.apply(of(node.get(key), allowed));
        } catch (BehaviourInvalidException e) {
            throw e.under(key);
        }
    }

    /** Runs {@code reader} (typically a record constructor call) with errors prefixed by {@code key}. */
    public static <T> T within(String key, java.util.function.Supplier<T> reader) {
        try {
            return reader.get();
        } catch (BehaviourInvalidException e) {
            throw e.under(key);
        }
    }

    public boolean has(String key) {
        JsonNode v = node.get(key);
        return v != null && !v.isNull();
    }

    public JsonNode raw(String key) {
        return node.get(key);
    }

    public Duration duration(String key, Duration dflt) {
        if (!has(key)) {
            return dflt;
        }
        JsonNode v = node.get(key);
        Duration d = v.isTextual() ? Durations.parseOrNull(v.asText()) : null;
        if (d == null) {
            throw BehaviourInvalidException.of(key, v, Durations.RULE);
        }
        return d;
    }

    public int integer(String key, int dflt) {
        if (!has(key)) {
            return dflt;
        }
        JsonNode v = node.get(key);
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw BehaviourInvalidException.of(key, v, "an integer");
        }
        return v.intValue();
    }

    public long longValue(String key, long dflt) {
        if (!has(key)) {
            return dflt;
        }
        JsonNode v = node.get(key);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw BehaviourInvalidException.of(key, v, "an integer");
        }
        return v.longValue();
    }

    public double number(String key, double dflt) {
        if (!has(key)) {
            return dflt;
        }
        JsonNode v = node.get(key);
        if (!v.isNumber()) {
            throw BehaviourInvalidException.of(key, v, "a number");
        }
        return v.doubleValue();
    }

    public boolean bool(String key, boolean dflt) {
        if (!has(key)) {
            return dflt;
        }
        JsonNode v = node.get(key);
        if (!v.isBoolean()) {
            throw BehaviourInvalidException.of(key, v, "true or false");
        }
        return v.booleanValue();
    }

    public String text(String key, String dflt) {
        if (!has(key)) {
            return dflt;
        }
        JsonNode v = node.get(key);
        if (!v.isTextual()) {
            throw BehaviourInvalidException.of(key, v, "a string");
        }
        return v.textValue();
    }

    /** A string that must be one of {@code ids} (snake_case names of an enum). */
    public String choice(String key, String dflt, String... ids) {
        String v = text(key, dflt);
        if (v != null && !Arrays.asList(ids).contains(v)) {
            throw BehaviourInvalidException.of(key, v, "one of " + String.join(", ", ids));
        }
        return v;
    }
}
