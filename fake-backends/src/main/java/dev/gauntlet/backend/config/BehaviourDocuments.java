package dev.gauntlet.backend.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
    private static final ObjectMapper JSON = new ObjectMapper();

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

    private static JsonNode readTree(String text, String source, boolean yaml) {
        try {
            ObjectMapper mapper = yaml ? new ObjectMapper(new YAMLFactory()) : JSON;
            JsonNode tree = mapper.readTree(text);
            return tree == null ? mapper.createObjectNode() : tree;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            throw BehaviourInvalidException.of("", "unparsable" + where, yaml ? "YAML" : "JSON").from(source);
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
