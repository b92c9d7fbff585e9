package dev.gauntlet.harness.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.harness.kind.GatewayKinds;
import dev.gauntlet.harness.kind.Refusal;
import dev.gauntlet.harness.kind.template.NativeTemplateSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a scenario file (by path or by name from the scenarios directory), applies {@code --set}
 * overrides, and validates it into a {@link Scenario}. Every problem is one
 * {@link ScenarioInvalidException} naming file, field path, value and rule.
 */
public final class ScenarioLoader {

    /** Checks one fault step's action and parameters; throws {@link ScenarioInvalidException}. */
    @FunctionalInterface
    public interface FaultStepValidator {
        void validate(FaultStep step, YamlReader reader);
    }

    /** Checks one expectation; throws IllegalArgumentException with "value (expected: rule)". */
    @FunctionalInterface
    public interface ExpectationValidator {
        void validate(String metric, String expression);
    }

    /** Strict: duplicate keys and alias floods are errors ({@link StrictYaml}). */
    public static final ObjectMapper YAML = StrictYaml.MAPPER;
    static final Set<String> TOP_FIELDS = Set.of("name", "description", "seed", "runtime", "gateway", "backends",
            "load", "faults", "nemesis", "expect");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final long DEFAULT_SEED = 42;

    private final Path scenariosDir;
    private final FaultStepValidator faultValidator;
    private final ExpectationValidator expectationValidator;

    public ScenarioLoader(Path scenariosDir, FaultStepValidator faultValidator, ExpectationValidator expectationValidator) {
        this.scenariosDir = scenariosDir;
        this.faultValidator = faultValidator;
        this.expectationValidator = expectationValidator;
    }

    /** Resolves a scenario name ({@code one-of-three-crashes}) or a path to its file. */
    public Path locate(String nameOrFile) {
        Path direct = Path.of(nameOrFile);
        if (Files.isRegularFile(direct)) {
            return direct;
        }
        for (String candidate : List.of(nameOrFile + ".yaml", nameOrFile + ".yml", nameOrFile)) {
            Path p = scenariosDir.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new ScenarioInvalidException(nameOrFile, "(file)", "not found",
                "a scenario file, or a name from ./run.sh list");
    }

    public Scenario load(String nameOrFile, List<String> overrides) {
        Path file = locate(nameOrFile);
        String fileName = file.getFileName().toString();
        JsonNode tree = StrictYaml.read(file);
        if (tree == null || !tree.isObject()) {
            throw new ScenarioInvalidException(fileName, "(root)", tree == null ? "empty" : tree.toString(), "a mapping");
        }
        ObjectNode root = (ObjectNode) tree;
        Overrides.apply(fileName, root, overrides);
        if (!root.hasNonNull("seed")) {
            root.put("seed", DEFAULT_SEED);
        }
        return validate(fileName, file, root);
    }

    Scenario validate(String fileName, Path file, ObjectNode root) {
        YamlReader r = YamlReader.root(fileName, root).onlyFields(TOP_FIELDS);
        String name = r.string("name", null);
        if (!NAME.matcher(name).matches()) {
            throw r.invalidField("name", name, "lower-case letters, digits and dashes");
        }
        String description = r.string("description", "");
        long seed = r.integer("seed", DEFAULT_SEED, Long.MIN_VALUE, Long.MAX_VALUE);
        String runtime = r.oneOf("runtime", "local", Set.of("local", "containers"));
        GatewaySettings gateway = gateway(r.at("gateway"), runtime, file);
        List<BackendPool> pools = pools(r.at("backends"));
        LoadConfig load = new LoadReader(file.toAbsolutePath().getParent()).read(r.at("load"));
        List<FaultStep> faults = new FaultSchedule(pools, load, faultValidator).resolve(r.at("faults"), r.at("nemesis"), seed);
        DnsSpecReader.checkFaults(r, pools, faults);
        Map<String, String> expect = expect(r.at("expect"));
        return new Scenario(name, description, seed, runtime, gateway, pools, load, faults, expect, file, root);
    }

    private GatewaySettings gateway(YamlReader g, String runtime, Path scenarioFile) {
        String builtin = GatewayKinds.builtin().name();
        if (g.isMissing()) {
            return new GatewaySettings(builtin, YAML.createObjectNode());
        }
        g.requireObject().onlyFields(Set.of("kind", "config", "openFilesLimit", "native"));
        String kind = g.oneOf("kind", builtin, GatewayKinds.names());
        if (!kind.equals(builtin) && runtime.equals("containers")) {
            throw g.invalidField("kind", kind, "builtin with runtime containers: no container image is built for "
                    + kind + " yet; use runtime local");
        }
        YamlReader config = g.at("config");
        NativeTemplateSpec nativeTemplate = null;
        if (g.has("native")) {
            if (g.has("config")) {
                throw g.invalidField("native", "given with gateway.config", "gateway.native or gateway.config, not both");
            }
            nativeTemplate = NativeTemplateReader.read(g.at("native"), scenarioFile);
        }
        ObjectNode cluster = config.isMissing() ? YAML.createObjectNode() : (ObjectNode) config.requireObject().node();
        for (Refusal no : GatewayKinds.byName(kind).refusals(cluster)) {
            // the first setting this kind does not have: never dropped silently
            throw config.invalidBelow(no.path(), no.value(), no.expected());
        }
        int openFiles = g.has("openFilesLimit") ? (int) g.integer("openFilesLimit", 0L, GatewaySettings.MIN_OPEN_FILES,
                GatewaySettings.MAX_OPEN_FILES) : 0;
        return new GatewaySettings(kind, cluster.deepCopy(), openFiles, nativeTemplate);
    }

    private List<BackendPool> pools(YamlReader list) {
        list.requireArray();
        if (list.size() == 0) {
            throw list.invalid("[]", "at least one backend pool");
        }
        List<BackendPool> pools = new ArrayList<>();
        Set<String> dnsNames = new java.util.HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            YamlReader p = list.index(i).requireObject().onlyFields(Set.of("pool", "replicas", "behaviour", "dns"));
            String pool = p.string("pool", null);
            if (!NAME.matcher(pool).matches()) {
                throw p.invalidField("pool", pool, "lower-case letters, digits and dashes");
            }
            if (pools.stream().anyMatch(existing -> existing.pool().equals(pool))) {
                throw p.invalidField("pool", pool, "a pool name not used before");
            }
            int replicas = (int) p.integer("replicas", 1L, 1, 64);
            YamlReader behaviour = p.at("behaviour");
            ObjectNode b = behaviour.isMissing() ? YAML.createObjectNode() : (ObjectNode) behaviour.requireObject().node();
            pools.add(new BackendPool(pool, replicas, b.deepCopy(), DnsSpecReader.read(p.at("dns"), replicas, dnsNames)));
        }
        return pools;
    }

    private Map<String, String> expect(YamlReader e) {
        Map<String, String> out = new LinkedHashMap<>();
        if (e.isMissing()) {
            return out;
        }
        e.requireObject();
        var fields = e.node().fields();
        while (fields.hasNext()) {
            var field = fields.next();
            String expression = field.getValue().asText();
            try {
                expectationValidator.validate(field.getKey(), expression);
            } catch (IllegalArgumentException bad) {
                throw new ScenarioInvalidException(e.invalid("", "").file(), "expect." + field.getKey(),
                        stripValue(bad.getMessage(), expression), expectedPart(bad.getMessage()));
            }
            out.put(field.getKey(), expression);
        }
        return out;
    }

    /** Expectation errors read "value (expected: rule)"; keep the one format when re-wrapping. */
    private static String stripValue(String message, String fallback) {
        int at = message == null ? -1 : message.lastIndexOf(" (expected: ");
        return at < 0 ? fallback : message.substring(0, at);
    }

    private static String expectedPart(String message) {
        int at = message == null ? -1 : message.lastIndexOf(" (expected: ");
        return at < 0 ? String.valueOf(message) : message.substring(at + 12, message.length() - 1);
    }
}
