package dev.gauntlet.harness.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.harness.kind.template.NativeTemplateSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads a scenario's {@code gateway.native}: the user's own config file (relative to the scenario file's directory,
 * or absolute), read and parsed now so a template's syntax error is found when the scenario is, and the values of
 * its variables as text.
 *
 * <pre>{@code NativeTemplateSpec spec = NativeTemplateReader.read(r.at("gateway").at("native"), scenarioFile);}</pre>
 */
final class NativeTemplateReader {

    /** As a scenario file's own cap: a gateway config is text a person wrote. */
    static final long MAX_BYTES = 1 << 20;

    private NativeTemplateReader() {
    }

    static NativeTemplateSpec read(YamlReader n, Path scenarioFile) {
        n.requireObject().onlyFields(Set.of("file", "vars"));
        String shown = n.string("file", null);
        Path dir = scenarioFile == null || scenarioFile.toAbsolutePath().getParent() == null ? Path.of("")
                : scenarioFile.toAbsolutePath().getParent();
        Path file = dir.resolve(shown).normalize();
        String text;
        try {
            if (!Files.isRegularFile(file)) {
                throw n.invalidField("file", shown, "a readable file, relative to the scenario file's directory ("
                        + dir + ") or absolute");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw n.invalidField("file", shown + " (" + Files.size(file) + " bytes)", "at most " + MAX_BYTES + " bytes");
            }
            text = Files.readString(file);
        } catch (IOException e) {
            throw n.invalidField("file", shown, "a readable file (" + e.getMessage() + ")");
        }
        Map<String, String> vars = new LinkedHashMap<>();
        YamlReader v = n.at("vars");
        if (!v.isMissing()) {
            v.requireObject();
            Iterator<Map.Entry<String, JsonNode>> fields = v.node().fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (!f.getValue().isValueNode() || f.getValue().isNull()) {
                    throw v.invalidField(f.getKey(), String.valueOf(f.getValue()), "a scalar value (text, number, true/false)");
                }
                vars.put(f.getKey(), f.getValue().asText());
            }
        }
        NativeTemplateSpec spec = new NativeTemplateSpec(file, shown, text, vars);
        spec.template(); // a syntax error now, as a scenario error would be
        return spec;
    }
}
