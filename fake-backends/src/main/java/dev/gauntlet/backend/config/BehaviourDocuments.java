package dev.gauntlet.backend.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * Reading behaviour documents (JSON or YAML text, inline or from a file) and merging partial ones,
 * with every failure turned into the one-line {@link BehaviourInvalidException} format.
 *
 * <pre>{@code
 * BehaviourConfig start = BehaviourDocuments.load("{\"latency\":{\"fixed\":\"5ms\"}}");  // or a file path
 * BehaviourConfig next = BehaviourDocuments.merge(start, patchJson, "/_control/behaviour");
 * }</pre>
 */
public final class BehaviourDocuments {
    /** Source name for inline documents given on the command line. */
    public static final String INLINE_SOURCE = "--behaviour";
    private static final JsonFactory JSON = new JsonFactory();

    private BehaviourDocuments() {
    }

    /** {@code arg} is inline JSON when it starts with "{", otherwise a JSON or YAML file. */
    public static BehaviourConfig load(String arg) {
        String trimmed = arg.trim();
        if (trimmed.startsWith("{")) {
            return parse(trimmed, INLINE_SOURCE, false);
        }
        Path file = Path.of(arg);
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw BehaviourInvalidException.of("", arg, "a readable JSON or YAML file, or inline JSON")
                    .from(INLINE_SOURCE);
        }
        String name = file.getFileName().toString();
        return parse(text, name, name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    /** Parses a whole document; errors name {@code source}. */
    public static BehaviourConfig parse(String text, String source, boolean yaml) {
        return fromTree(readTree(text, source, yaml), source);
    }

    /** Applies a partial document to {@code current}: objects merge key by key, null resets a key to its default. */
    public static BehaviourConfig merge(BehaviourConfig current, String patchText, String source) {
        JsonNode patch = readTree(patchText, source, false);
        if (!patch.isObject()) {
            throw BehaviourInvalidException.of("", patch, "a JSON object").from(source);
        }
        ObjectNode merged = current.toJson();
        normaliseLatency(merged, patch);
        mergeInto(merged, (ObjectNode) patch);
        return fromTree(merged, source);
    }

    private static BehaviourConfig fromTree(JsonNode tree, String source) {
        try {
            return BehaviourConfig.fromJson(tree);
        } catch (BehaviourInvalidException e) {
            throw e.from(source);
        }
    }

    /**
     * Builds the tree straight from the streaming parser: constructing an ObjectMapper costs about
     * 150 ms of class loading, which would be most of the backend's start-up time.
     */
    private static JsonNode readTree(String text, String source, boolean yaml) {
        try (JsonParser p = (yaml ? new YAMLFactory() : JSON).createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return JsonNodeFactory.instance.objectNode();
            }
            JsonNode tree = node(p, first);
            if (!yaml && p.nextToken() != null) {
                throw new JsonParseException(p, "trailing content");
            }
            return tree;
        } catch (IOException e) {
            JsonLocation loc = e instanceof JsonProcessingException jpe ? jpe.getLocation() : null;
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw BehaviourInvalidException.of("", "unparsable" + where, yaml ? "YAML" : "JSON").from(source);
        }
    }

    private static JsonNode node(JsonParser p, JsonToken t) throws IOException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (t) {
            case START_OBJECT -> {
                ObjectNode o = f.objectNode();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String name = p.currentName();
                    o.set(name, node(p, p.nextToken()));
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = f.arrayNode();
                for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) {
                    a.add(node(p, v));
                }
                return a;
            }
            case VALUE_STRING -> {
                return f.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? f.numberNode(p.getBigIntegerValue()) : f.numberNode(p.getLongValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return f.numberNode(p.getDoubleValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return f.booleanNode(t == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return f.nullNode();
            }
            default -> throw new JsonParseException(p, "unexpected " + t);
        }
    }

    /**
     * Latency is either fixed or a distribution; a patch that picks one mode drops the other, so
     * {@code {"latency":{"median":"5ms","p99":"20ms"}}} on top of a fixed latency just works.
     */
    private static void normaliseLatency(ObjectNode merged, JsonNode patch) {
        JsonNode patchLatency = patch.get("latency");
        if (patchLatency == null) {
            return;
        }
        if (patchLatency.isTextual()) {
            merged.remove("latency");
            return;
        }
        JsonNode current = merged.get("latency");
        if (patchLatency.isObject() && current instanceof ObjectNode latency) {
            if (patchLatency.has("fixed")) {
                latency.remove("median");
                latency.remove("p99");
            } else if (patchLatency.has("median") || patchLatency.has("p99")) {
                latency.remove("fixed");
            }
        }
    }

    private static void mergeInto(ObjectNode target, ObjectNode patch) {
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode existing = target.get(e.getKey());
            if (e.getValue().isNull()) {
                target.remove(e.getKey());
            } else if (existing instanceof ObjectNode obj && e.getValue() instanceof ObjectNode sub) {
                mergeInto(obj, sub);
            } else {
                target.set(e.getKey(), e.getValue());
            }
        }
    }
}
