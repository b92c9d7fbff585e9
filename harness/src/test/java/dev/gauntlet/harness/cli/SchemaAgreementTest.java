package dev.gauntlet.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.gauntlet.harness.fault.FaultRegistry;
import dev.gauntlet.harness.gate.SuiteLoader;
import dev.gauntlet.harness.kind.GatewayKinds;
import dev.gauntlet.harness.runtime.ProjectHome;
import dev.gauntlet.harness.scenario.ScenarioInvalidException;
import dev.gauntlet.harness.scenario.StrictYaml;
import dev.gauntlet.harness.score.Expectation;
import dev.gauntlet.harness.sweep.SweepLoader;
import dev.gauntlet.harness.sweep.SweepMetric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON Schemas in scenarios/ and the loaders agree both ways: every library file (and every file
 * {@code init} writes) validates against its schema, and each bad file below is refused by the loader and by
 * the schema. The closed sets the schemas list (gateway kinds, fault actions, metrics) are compared with the
 * registries they come from, so a kind or action added in code without the schema fails here, by name.
 */
class SchemaAgreementTest {

    private static final Path SCENARIOS = ProjectHome.scenariosDir();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    enum Kind {
        SCENARIO, SUITE, SWEEP;

        String schemaFile() {
            return name().toLowerCase(java.util.Locale.ROOT) + ".schema.json";
        }
    }

    private static Schema schema(Kind kind) {
        try {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(Files.readString(SCENARIOS.resolve(kind.schemaFile())), InputFormat.JSON);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> schemaErrors(Kind kind, JsonNode tree) {
        return schema(kind).validate(tree.toString(), InputFormat.JSON).stream().map(Error::toString).toList();
    }

    static Kind kindOf(Path file) {
        String parent = file.getParent().getFileName().toString();
        return parent.equals("suites") ? Kind.SUITE : parent.equals("sweeps") ? Kind.SWEEP : Kind.SCENARIO;
    }

    static Stream<Path> libraryFiles() throws IOException {
        try (Stream<Path> all = Files.walk(SCENARIOS)) {
            // suites/expected/*.yaml are gate --expected-verdicts files (ExpectedVerdicts), a format with no schema yet
            return all.filter(p -> p.toString().endsWith(".yaml"))
                    .filter(p -> !p.getParent().getFileName().toString().equals("expected")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("libraryFiles")
    void everyLibraryFileValidatesAgainstItsSchemaAndNamesIt(Path file) throws IOException {
        Kind kind = kindOf(file);
        List<String> errors = schemaErrors(kind, StrictYaml.read(file));
        assertThat(errors).as(SCENARIOS.relativize(file) + " against " + kind.schemaFile()).isEmpty();
        String first = Files.readAllLines(file).get(0);
        String expected = "# yaml-language-server: $schema="
                + file.getParent().relativize(SCENARIOS.resolve(kind.schemaFile())).toString();
        assertThat(first).as("first line of " + SCENARIOS.relativize(file) + " points the editor at its schema")
                .isEqualTo(expected);
    }

    @Test
    void theFilesInitWritesValidateAgainstTheSchemasAndTheLoaders() throws IOException {
        Path target = dir.resolve("mine");
        assertThat(GauntletMain.execute("init", target.toString())).as("init exit code").isZero();
        assertThat(schemaErrors(Kind.SCENARIO, StrictYaml.read(target.resolve("starter.yaml")))).as("starter.yaml").isEmpty();
        assertThat(schemaErrors(Kind.SUITE, StrictYaml.read(target.resolve("suite.yaml")))).as("suite.yaml").isEmpty();
        assertThat(schemaErrors(Kind.SWEEP, StrictYaml.read(target.resolve("sweep.yaml")))).as("sweep.yaml").isEmpty();
        assertThat(GauntletMain.execute("validate", target.resolve("starter.yaml").toString(),
                target.resolve("suite.yaml").toString(), target.resolve("sweep.yaml").toString())).as("validate exit code").isZero();
        String line = Files.readAllLines(target.resolve("starter.yaml")).get(0);
        Path schema = target.resolve(line.substring(line.indexOf('=') + 1)).normalize();
        assertThat(schema).as("the schema line of an init file leads to the project's schema")
                .isEqualTo(SCENARIOS.resolve("scenario.schema.json").toAbsolutePath().normalize());
        assertThat(GauntletMain.execute("init", target.toString())).as("init never overwrites: exit code").isEqualTo(2);
    }

    @Test
    void gatewayKindEnumIsTheRegistry() throws IOException {
        assertThat(enumOf(Kind.SCENARIO, "gatewayKind")).as("scenario.schema.json $defs.gatewayKind.enum must list"
                + " GatewayKinds.names(): add the new kind there").isEqualTo(new TreeSet<>(GatewayKinds.names()));
    }

    @Test
    void faultActionEnumIsTheRegistry() throws IOException {
        assertThat(enumOf(Kind.SCENARIO, "action")).as("scenario.schema.json $defs.action.enum must list"
                + " FaultRegistry.standard().actions()").isEqualTo(new TreeSet<>(FaultRegistry.standard().actions()));
    }

    @Test
    void expectationMetricsAreTheGrammarsMetrics() throws IOException {
        String pattern = JSON.readTree(SCENARIOS.resolve("scenario.schema.json").toFile()).at("/$defs/expectKey/pattern").asText();
        String alternatives = pattern.substring(pattern.lastIndexOf('(') + 1, pattern.lastIndexOf(')'));
        assertThat(new TreeSet<>(Arrays.asList(alternatives.split("\\|")))).as("metrics in $defs.expectKey.pattern")
                .isEqualTo(new TreeSet<>(Arrays.stream(Expectation.Metric.values()).map(Expectation.Metric::id).toList()));
    }

    @Test
    void sweepMetricsAreTheSweepsMetrics() throws IOException {
        assertThat(enumOf(Kind.SWEEP, "metric")).as("sweep.schema.json $defs.metric.enum")
                .isEqualTo(new TreeSet<>(Arrays.stream(SweepMetric.values()).map(SweepMetric::id).toList()));
    }

    private static Set<String> enumOf(Kind kind, String def) throws IOException {
        Set<String> out = new TreeSet<>();
        JSON.readTree(SCENARIOS.resolve(kind.schemaFile()).toFile()).at("/$defs/" + def + "/enum").forEach(n -> out.add(n.asText()));
        return out;
    }

    private static final String GOOD = """
            name: good
            backends:
              - pool: api
                replicas: 3
            load: { rate: 50/s, duration: 20s }
            faults:
              - { at: 5s, target: "api[0]", action: crash }
            expect: { availability: ">= 99%" }
            """;

    record Bad(String name, Kind kind, String yaml) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Bad> badFiles() {
        List<Bad> bad = new ArrayList<>();
        bad.add(new Bad("unknown top-level field", Kind.SCENARIO, GOOD + "nmae: x\n"));
        bad.add(new Bad("name with capitals", Kind.SCENARIO, GOOD.replace("name: good", "name: Good")));
        bad.add(new Bad("no backends", Kind.SCENARIO, GOOD.replace("backends:\n  - pool: api\n    replicas: 3\n", "")));
        bad.add(new Bad("zero replicas", Kind.SCENARIO, GOOD.replace("replicas: 3", "replicas: 0")));
        bad.add(new Bad("65 replicas", Kind.SCENARIO, GOOD.replace("replicas: 3", "replicas: 65")));
        bad.add(new Bad("unknown pool field", Kind.SCENARIO, GOOD.replace("replicas: 3", "replicas: 3\n    replica: 2")));
        bad.add(new Bad("rate in words", Kind.SCENARIO, GOOD.replace("50/s", "fast")));
        bad.add(new Bad("duration without unit", Kind.SCENARIO, GOOD.replace("duration: 20s", "duration: 20")));
        bad.add(new Bad("path without slash", Kind.SCENARIO, GOOD.replace("duration: 20s", "duration: 20s, path: api")));
        bad.add(new Bad("closed load model", Kind.SCENARIO, GOOD.replace("rate: 50/s", "model: closed, rate: 50/s")));
        bad.add(new Bad("unknown runtime", Kind.SCENARIO, GOOD + "runtime: docker\n"));
        bad.add(new Bad("unknown gateway kind", Kind.SCENARIO, GOOD + "gateway: { kind: nosuch }\n"));
        bad.add(new Bad("open files too low", Kind.SCENARIO, GOOD + "gateway: { openFilesLimit: 10 }\n"));
        bad.add(new Bad("unknown action", Kind.SCENARIO, GOOD.replace("action: crash", "action: explode")));
        bad.add(new Bad("step without at", Kind.SCENARIO, GOOD.replace("at: 5s, ", "")));
        bad.add(new Bad("bad target", Kind.SCENARIO, GOOD.replace("\"api[0]\"", "\"API 0\"")));
        bad.add(new Bad("misspelt metric", Kind.SCENARIO, GOOD.replace("availability", "availabilty")));
        bad.add(new Bad("dns ttl without unit", Kind.SCENARIO,
                GOOD.replace("replicas: 3", "replicas: 3\n    dns: { name: api.gauntlet.test, ttl: 5 }")));
        bad.add(new Bad("suite without scenarios", Kind.SUITE, "name: s\n"));
        bad.add(new Bad("suite with zero trials", Kind.SUITE, "trials: 0\nscenarios:\n  - scenario: good.yaml\n"));
        bad.add(new Bad("suite entry field misspelt", Kind.SUITE, "scenarios:\n  - scenaro: good.yaml\n"));
        bad.add(new Bad("suite allowUnknown not a boolean", Kind.SUITE, "scenarios:\n  - { scenario: good.yaml, allowUnknown: maybe }\n"));
        String sweep = "name: w\nscenarios:\n  - scenario: good.yaml\nparameters:\n  healthCheck.interval: [500ms, 1s]\n";
        bad.add(new Bad("sweep mode unknown", Kind.SWEEP, sweep + "mode: fast\n"));
        bad.add(new Bad("sweep search unknown", Kind.SWEEP, sweep + "search: { mode: exhaustive }\n"));
        bad.add(new Bad("sweep objective unknown", Kind.SWEEP, sweep + "objective: { minimise: speed }\n"));
        bad.add(new Bad("sweep without name", Kind.SWEEP, sweep.replace("name: w\n", "")));
        bad.add(new Bad("sweep parameter empty list", Kind.SWEEP, sweep.replace("[500ms, 1s]", "[]")));
        return bad;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void badFileIsRefusedByTheLoaderAndTheSchema(Bad bad) throws IOException {
        Files.writeString(dir.resolve("good.yaml"), GOOD);
        Path file = Files.writeString(dir.resolve("bad.yaml"), bad.yaml());
        assertThat(schemaErrors(bad.kind(), StrictYaml.read(file))).as("schema errors for " + bad.name()).isNotEmpty();
        assertThatThrownBy(() -> load(bad.kind(), file)).as("the loader refuses " + bad.name())
                .isInstanceOf(ScenarioInvalidException.class);
    }

    @Test
    void theGoodFileOfTheBadSetPassesBoth() throws IOException {
        Path file = Files.writeString(dir.resolve("good.yaml"), GOOD);
        assertThat(schemaErrors(Kind.SCENARIO, StrictYaml.read(file))).as("schema errors").isEmpty();
        load(Kind.SCENARIO, file);
    }

    private static void load(Kind kind, Path file) {
        switch (kind) {
            case SCENARIO -> Scenarios.loader().load(file.toString(), List.of());
            case SUITE -> new SuiteLoader(Scenarios.loader()).load(file);
            case SWEEP -> new SweepLoader(Scenarios.loader()).load(file);
        }
    }
}
