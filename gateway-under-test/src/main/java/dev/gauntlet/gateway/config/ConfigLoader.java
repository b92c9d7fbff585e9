package dev.gauntlet.gateway.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Reads gateway YAML (or JSON, its subset) into a validated {@link GatewayConfig}. Every failure,
 * whether a type mismatch, an unknown key or a broken rule, comes out as one {@link ConfigInvalidException}
 * whose path names the field ({@code clusters[0].healthCheck.timeout}).
 *
 * <pre>{@code
 * try {
 *     GatewayConfig c = ConfigLoader.load(Path.of("gw.yaml"));
 * } catch (ConfigInvalidException e) {
 *     System.err.println("gw.yaml: " + e.getMessage());
 * }
 * }</pre>
 */
public final class ConfigLoader {
    private static final ObjectMapper YAML = configure(new ObjectMapper(new YAMLFactory()));
    private static final ObjectMapper JSON = configure(new ObjectMapper());

    private ConfigLoader() {
    }

    private static ObjectMapper configure(ObjectMapper m) {
        return m.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }

    /** Loads and validates a YAML file. I/O errors are reported as a config error on the root. */
    public static GatewayConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigInvalidException("(file)", file, "a readable file: " + e.getMessage());
        }
        return parse(text, YAML);
    }

    /** Validates a config given as a JSON tree (the shape {@code /admin/config} prints). */
    public static GatewayConfig fromTree(JsonNode tree) {
        try {
            return fromSpec(JSON.treeToValue(tree, GatewaySpec.class));
        } catch (JsonProcessingException e) {
            throw translate(e);
        }
    }

    public static GatewayConfig parseYaml(String text) {
        return parse(text, YAML);
    }

    private static GatewayConfig parse(String text, ObjectMapper mapper) {
        GatewaySpec spec;
        try {
            spec = mapper.readValue(text, GatewaySpec.class);
        } catch (JsonProcessingException e) {
            throw translate(e);
        }
        return fromSpec(spec);
    }

    private static GatewayConfig fromSpec(GatewaySpec spec) {
        if (spec == null) {
            throw new ConfigInvalidException("(root)", "empty", "a gateway config with clusters");
        }
        return GatewayConfig.from(spec);
    }

    private static ConfigInvalidException translate(JsonProcessingException e) {
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String path = pathOf(m);
            if (e instanceof UnrecognizedPropertyException u) {
                String known = u.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                        .collect(Collectors.joining(", "));
                return new ConfigInvalidException(path, u.getPropertyName(), "a known key: " + known);
            }
            if (e instanceof InvalidFormatException f) {
                return new ConfigInvalidException(path, f.getValue(), "a value of type " + simpleType(f));
            }
            return new ConfigInvalidException(path, "?", "a value of type " + simpleType(m) + " ("
                    + m.getOriginalMessage().split("\n")[0] + ")");
        }
        return new ConfigInvalidException("(root)", "unparseable", "valid YAML: " + e.getOriginalMessage());
    }

    private static String simpleType(JsonMappingException m) {
        if (m instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mi && mi.getTargetType() != null) {
            return mi.getTargetType().getSimpleName();
        }
        return "the documented kind";
    }

    private static String pathOf(JsonMappingException m) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : m.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** The JSON mapper used for admin documents (lenient on nothing, like the YAML one). */
    public static ObjectMapper json() {
        return JSON;
    }
}
