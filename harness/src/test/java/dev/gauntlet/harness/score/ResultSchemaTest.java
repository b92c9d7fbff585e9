package dev.gauntlet.harness.score;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.gauntlet.report.run.CheckResult;
import dev.gauntlet.report.run.FaultResult;
import dev.gauntlet.report.run.MechanismBound;
import dev.gauntlet.report.run.Metrics;
import dev.gauntlet.report.run.PhaseMetrics;
import dev.gauntlet.report.run.Result;
import dev.gauntlet.report.run.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/result-schema.json is the documented, stable shape of result.json: every record component is in it
 * (a field added without documenting it fails here), every field it requires is written, and real scored
 * results validate against it. The validator below covers the keywords the schema uses: type, required,
 * properties, additionalProperties, items, $ref, enum, propertyNames, minimum, maximum, minItems, maxItems.
 */
class ResultSchemaTest {

    static final Path SCHEMA = Path.of("..", "docs", "result-schema.json");

    private static final Map<Class<? extends Record>, String> DEFS = Map.of(
            Result.class, "", CheckResult.class, "check", Metrics.class, "metrics", PhaseMetrics.class, "phase",
            FaultResult.class, "fault", MechanismBound.class, "mechanismBound");

    @TempDir
    Path dir;

    static JsonNode schema() throws IOException {
        return RunDirectory.JSON.readTree(Files.readString(SCHEMA));
    }

    @Test
    void theSchemaListsEveryRecordComponentAndRequiresEachOne() throws IOException {
        JsonNode schema = schema();
        var snake = new PropertyNamingStrategies.SnakeCaseStrategy();
        for (var entry : DEFS.entrySet()) {
            JsonNode def = entry.getValue().isEmpty() ? schema : schema.path("$defs").path(entry.getValue());
            Set<String> components = new TreeSet<>(Arrays.stream(entry.getKey().getRecordComponents())
                    .map(c -> snake.translate(c.getName())).toList());
            assertThat(names(def.path("properties").fieldNames())).as("%s: documented fields", entry.getKey().getSimpleName())
                    .isEqualTo(components);
            assertThat(new TreeSet<>(texts(def.path("required")))).as("%s: required fields", entry.getKey().getSimpleName())
                    .isEqualTo(components);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"full", "no-view", "unreadable"})
    void realScoredResultsValidate(String kind) throws IOException {
        RunFixture run = new RunFixture(dir).standardConfig().snapshotAllUsable()
                .inject("f0", "crash", "api-0", "down", "fast_fail", 10_000).viewChange(12_400, "api-0", false)
                .heal("f0", "api-0", 30_000).viewChange(31_200, "api-0", true)
                .viewChange(5_000, "api-1", false).viewChange(6_000, "api-1", true)
                .ok(1_000, 5).ok(15_000, 7).request(16_000, 1, 503, "UH", null).ok(35_000, 4)
                .gatewayMetrics(RetryAmplificationTest.METRICS)
                .expect("detection_time", "<= bound").expect("availability", "99%").expect("false_ejections", "0");
        if (kind.equals("no-view")) {
            run.noView();
        }
        RunDirectory written = run.write();
        if (kind.equals("unreadable")) {
            Files.delete(written.file(RunDirectory.MANIFEST));
        }
        Result result = Scorer.score(written);
        written.writeResult(result);

        JsonNode json = RunDirectory.JSON.readTree(written.file(RunDirectory.RESULT).toFile());
        List<String> problems = new ArrayList<>();
        validate(json, schema(), schema(), "result", problems);

        assertThat(problems).as("result.json of a %s run against docs/result-schema.json", kind).isEmpty();
    }

    @Test
    void theValidatorCatchesAMissingFieldAndAWrongType() throws IOException {
        JsonNode bad = RunDirectory.JSON.readTree("{\"scenario\":1,\"run_id\":\"r\",\"verdict\":\"maybe\",\"score\":null,"
                + "\"score_formula\":null,\"checks\":[],\"faults\":[]}");
        List<String> problems = new ArrayList<>();

        validate(bad, schema(), schema(), "result", problems);

        assertThat(problems).as("what a broken result.json is told").containsExactlyInAnyOrder(
                "result: missing required metrics", "result.scenario: 1 is not of type [\"string\",\"null\"]",
                "result.verdict: \"maybe\" is not one of [\"pass\",\"fail\",\"unknown\"]");
    }

    /** A small JSON Schema validator: enough for this schema, written out so the test has no new dependency. */
    static void validate(JsonNode value, JsonNode schema, JsonNode root, String path, List<String> problems) {
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            validate(value, root.path("$defs").path(ref.substring("#/$defs/".length())), root, path, problems);
        }
        if (schema.has("type") && !typeMatches(value, schema.get("type"))) {
            problems.add(path + ": " + value + " is not of type " + schema.get("type"));
            return;
        }
        if (schema.has("enum") && !texts(schema.get("enum")).contains(value.isNull() ? null : value.asText())) {
            problems.add(path + ": " + value + " is not one of " + schema.get("enum"));
        }
        if (value.isNumber() && schema.has("minimum") && value.asDouble() < schema.get("minimum").asDouble()) {
            problems.add(path + ": " + value + " < " + schema.get("minimum"));
        }
        if (value.isNumber() && schema.has("maximum") && value.asDouble() > schema.get("maximum").asDouble()) {
            problems.add(path + ": " + value + " > " + schema.get("maximum"));
        }
        if (value.isArray()) {
            if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()
                    || schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
                problems.add(path + ": " + value.size() + " items");
            }
            for (int i = 0; i < value.size() && schema.has("items"); i++) {
                validate(value.get(i), schema.get("items"), root, path + "[" + i + "]", problems);
            }
        }
        if (value.isObject()) {
            for (String required : texts(schema.path("required"))) {
                if (!value.has(required)) {
                    problems.add(path + ": missing required " + required);
                }
            }
            for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                JsonNode declared = schema.path("properties").get(field);
                JsonNode additional = schema.get("additionalProperties");
                if (schema.has("propertyNames")) {
                    validate(RunDirectory.JSON.getNodeFactory().textNode(field), schema.get("propertyNames"), root,
                            path + "." + field + " (name)", problems);
                }
                if (declared != null) {
                    validate(value.get(field), declared, root, path + "." + field, problems);
                } else if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
                    problems.add(path + ": undocumented field " + field);
                } else if (additional != null && additional.isObject()) {
                    validate(value.get(field), additional, root, path + "." + field, problems);
                }
            }
        }
    }

    private static boolean typeMatches(JsonNode value, JsonNode type) {
        List<String> types = type.isArray() ? texts(type) : List.of(type.asText());
        return types.stream().anyMatch(t -> switch (t) {
            case "null" -> value.isNull();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber() || value.isNumber() && value.asDouble() == Math.rint(value.asDouble());
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "array" -> value.isArray();
            case "object" -> value.isObject();
            default -> false;
        });
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.isNull() ? null : n.asText()));
        return out;
    }

    private static Set<String> names(Iterator<String> it) {
        Set<String> out = new TreeSet<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
