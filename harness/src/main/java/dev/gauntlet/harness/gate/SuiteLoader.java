package dev.gauntlet.harness.gate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.harness.scenario.ScenarioInvalidException;
import dev.gauntlet.harness.scenario.ScenarioLoader;
import dev.gauntlet.harness.scenario.YamlReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a gate suite file and validates it, every scenario loaded with its overrides before anything runs, so a
 * typo fails in a second with one line ({@code ci.yaml: scenarios[0].set.load.duration: banana (expected: …)})
 * instead of after the first scenario's minute.
 *
 * <pre>{@code
 * name: ci                         # the gate directory is runs/gates/<stamp>-ci (default: the file name)
 * trials: 1                        # runs per scenario with seeds seed, seed+1, ... (--trials overrides)
 * set: { load.rate: 100/s }        # --set overrides for every scenario
 * scenarios:
 *   - scenario: one-of-three-crashes    # a library name, or a file relative to this file
 *     label: crash                      # optional; names the junit testsuite (default: the scenario)
 *     allowUnknown: false               # true: a check that cannot be decided does not fail the gate
 *     set: { load.duration: 20s, faults[0].at: 5s }
 * }</pre>
 *
 * Errors are {@link ScenarioInvalidException}s in the project's one format.
 */
public final class SuiteLoader {

    static final Set<String> TOP_FIELDS = Set.of("name", "description", "trials", "set", "scenarios");
    static final Set<String> ENTRY_FIELDS = Set.of("scenario", "label", "allowUnknown", "set");

    private final ScenarioLoader scenarios;

    public SuiteLoader(ScenarioLoader scenarios) {
        this.scenarios = scenarios;
    }

    public SuiteConfig load(Path file) {
        String fileName = file.getFileName().toString();
        JsonNode tree = dev.gauntlet.harness.scenario.StrictYaml.read(file);
        if (tree == null || !tree.isObject()) {
            throw new ScenarioInvalidException(fileName, "(root)", tree == null ? "empty" : tree.toString(), "a mapping");
        }
        YamlReader r = YamlReader.root(fileName, tree).onlyFields(TOP_FIELDS);
        String base = fileName.replaceFirst("\\.ya?ml$", "");
        String name = r.string("name", base);
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            throw r.invalidField("name", name, "lower-case letters, digits and dashes");
        }
        String description = r.string("description", "");
        int trials = (int) r.integer("trials", 1L, 1, SuiteConfig.MAX_TRIALS);
        List<String> common = overrides(r.at("set"));
        YamlReader list = r.at("scenarios");
        if (list.isMissing()) {
            throw r.invalidField("scenarios", "missing", "a list of at least one scenario");
        }
        list.requireArray();
        if (list.size() == 0) {
            throw list.invalid("[]", "a list of at least one scenario");
        }
        Path folder = file.toAbsolutePath().getParent();
        List<SuiteEntry> entries = new ArrayList<>();
        Set<String> labels = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            YamlReader e = list.index(i).requireObject().onlyFields(ENTRY_FIELDS);
            String scenario = e.string("scenario", null);
            Path relative = folder.resolve(scenario);
            String located = Files.isRegularFile(relative) ? relative.toString() : scenario;
            List<String> own = overrides(e.at("set"));
            List<String> all = new ArrayList<>(common);
            all.addAll(own);
            boolean explicitLabel = e.has("label");
            String label = e.string("label", scenario.replaceFirst("^.*/", "").replaceFirst("\\.ya?ml$", ""));
            if (explicitLabel && !labels.add(label)) {
                throw e.invalidField("label", label, "a label not used before in this suite");
            }
            for (int n = 2; !explicitLabel && !labels.add(label); n++) {
                label = label.replaceFirst("#\\d+$", "") + "#" + n;
            }
            JsonNode allow = e.node().get("allowUnknown");
            if (allow != null && !allow.isBoolean()) {
                throw e.invalidField("allowUnknown", allow.asText(), "true or false");
            }
            validateScenario(fileName, e.path(), located, common, own);
            entries.add(new SuiteEntry(label, located, all, allow != null && allow.asBoolean()));
        }
        return new SuiteConfig(name, description, trials, entries, file);
    }

    /**
     * Loads the scenario with its overrides; an error in an override is reported at the suite's line, an error
     * in the scenario file itself as the scenario loader wrote it.
     */
    private void validateScenario(String suiteFile, String entryPath, String scenario, List<String> common,
                                  List<String> own) {
        List<String> all = new ArrayList<>(common);
        all.addAll(own);
        try {
            scenarios.load(scenario, all);
        } catch (ScenarioInvalidException bad) {
            if (bad.path().equals("(file)") && bad.getMessage().contains(": not found (")) {
                throw new ScenarioInvalidException(suiteFile, entryPath + ".scenario", scenario,
                        "a scenario file (relative to the suite file), or a name from ./run.sh list");
            }
            String key = overriddenKey(bad.path(), all);
            if (key == null) {
                throw bad;
            }
            String where = own.stream().anyMatch(o -> o.startsWith(key + "=")) ? entryPath + ".set." : "set.";
            String detail = bad.getMessage().substring(bad.file().length() + 2 + bad.path().length() + 2);
            throw new ScenarioInvalidException(suiteFile, where + bad.path(), valuePart(detail), rulePart(detail));
        }
    }

    /** The override whose path is the failing field or one of its parents, or null. */
    static String overriddenKey(String failingPath, List<String> overrides) {
        for (String o : overrides) {
            String key = o.substring(0, Math.max(0, o.indexOf('=')));
            if (!key.isEmpty() && (failingPath.equals(key) || failingPath.startsWith(key + ".")
                    || failingPath.startsWith(key + "["))) {
                return key;
            }
        }
        return null;
    }

    static String valuePart(String detail) {
        int at = detail.lastIndexOf(" (expected: ");
        return at < 0 ? detail : detail.substring(0, at);
    }

    static String rulePart(String detail) {
        int at = detail.lastIndexOf(" (expected: ");
        return at < 0 ? "a valid value" : detail.substring(at + 12, detail.length() - 1);
    }

    /** A {@code set} mapping as {@code path=value} strings; text values quoted so YAML reads them back as text. */
    static List<String> overrides(YamlReader set) {
        List<String> out = new ArrayList<>();
        if (set.isMissing()) {
            return out;
        }
        set.requireObject();
        for (Iterator<Map.Entry<String, JsonNode>> it = set.node().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode v = f.getValue();
            out.add(f.getKey() + "=" + (v.isTextual() ? quote(v.asText()) : v.toString()));
        }
        return out;
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
