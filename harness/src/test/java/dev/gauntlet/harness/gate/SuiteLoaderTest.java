package dev.gauntlet.harness.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gauntlet.harness.fault.FaultRegistry;
import dev.gauntlet.harness.scenario.ScenarioInvalidException;
import dev.gauntlet.harness.scenario.ScenarioLoader;
import dev.gauntlet.harness.score.Expectation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Suite files: what they may say, and the one-line error for each thing they may get wrong. */
class SuiteLoaderTest {

    @TempDir
    Path dir;

    static final Path LIBRARY = Path.of("..", "scenarios");

    private static ScenarioLoader scenarios() {
        FaultRegistry faults = FaultRegistry.standard();
        return new ScenarioLoader(LIBRARY, faults::validate, Expectation::parse);
    }

    private SuiteConfig load(String yaml) throws IOException {
        return new SuiteLoader(scenarios()).load(Files.writeString(dir.resolve("ci.yaml"), yaml));
    }

    private String error(String yaml) {
        return org.assertj.core.api.Assertions.catchThrowableOfType(ScenarioInvalidException.class, () -> load(yaml))
                .getMessage();
    }

    @Test
    void readsScenariosWithTheirOverridesInOrder() throws IOException {
        SuiteConfig suite = load("""
                trials: 3
                set: { load.rate: 50/s }
                scenarios:
                  - scenario: one-of-three-crashes
                    set:
                      load.duration: 20s
                      faults[0].at: 5s
                      faults[1].at: 12s
                  - scenario: one-of-three-crashes
                    allowUnknown: true
                """);

        assertThat(suite.name()).as("from the file name").isEqualTo("ci");
        assertThat(suite.trials()).isEqualTo(3);
        assertThat(suite.entries()).extracting(SuiteEntry::label).as("a repeated scenario gets a numbered label")
                .containsExactly("one-of-three-crashes", "one-of-three-crashes#2");
        assertThat(suite.entries().get(0).overrides()).as("suite-wide first, text quoted for YAML")
                .containsExactly("load.rate=\"50/s\"", "load.duration=\"20s\"", "faults[0].at=\"5s\"", "faults[1].at=\"12s\"");
        assertThat(suite.entries()).extracting(SuiteEntry::allowUnknown).containsExactly(false, true);
    }

    @Test
    void theShippedCiSuiteIsValid() {
        SuiteConfig ci = new SuiteLoader(scenarios()).load(LIBRARY.resolve("suites").resolve("ci.yaml"));

        assertThat(ci.entries()).as("a small subset of the library").hasSizeBetween(1, 8);
        assertThat(ci.entries().get(0).overrides()).as("the crash scenario, shortened").contains("load.duration=\"20s\"");
        assertThat(ci.entries()).extracting(SuiteEntry::allowUnknown).as("an undecided check fails the merge gate")
                .containsOnly(false);
    }

    @Test
    void theShippedFullSuiteRunsEveryScenarioOfTheLibrary() throws java.io.IOException {
        SuiteConfig full = new SuiteLoader(scenarios()).load(LIBRARY.resolve("suites").resolve("full.yaml"));
        java.util.List<String> library;
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(LIBRARY)) {
            library = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".yaml"))
                    .map(f -> f.replaceFirst("\\.yaml$", "")).toList();
        }

        assertThat(full.entries()).extracting(SuiteEntry::scenario).as("every file in scenarios/, once")
                .containsExactlyInAnyOrderElementsOf(library);
    }

    @Test
    void badSuiteFilesGiveOneLineNamingFileFieldValueAndRule() {
        assertThat(error("scenarios: []\n")).isEqualTo("ci.yaml: scenarios: [] (expected: a list of at least one scenario)");
        assertThat(error("name: ci\n")).isEqualTo("ci.yaml: scenarios: missing (expected: a list of at least one scenario)");
        assertThat(error("colour: red\nscenarios: [{scenario: one-of-three-crashes}]\n"))
                .isEqualTo("ci.yaml: colour: unknown field (expected: one of description, name, scenarios, set, trials)");
        assertThat(error("trials: 0\nscenarios: [{scenario: one-of-three-crashes}]\n"))
                .isEqualTo("ci.yaml: trials: 0 (expected: an integer from 1 to 100)");
        assertThat(error("scenarios: [{scenario: no-such-scenario}]\n")).isEqualTo("ci.yaml: scenarios[0].scenario:"
                + " no-such-scenario (expected: a scenario file (relative to the suite file), or a name from ./run.sh list)");
        assertThat(error("scenarios: [{scenario: one-of-three-crashes, allowUnknown: maybe}]\n"))
                .isEqualTo("ci.yaml: scenarios[0].allowUnknown: maybe (expected: true or false)");
        assertThat(error("scenarios: [{scenario: one-of-three-crashes, sett: {}}]\n"))
                .isEqualTo("ci.yaml: scenarios[0].sett: unknown field (expected: one of allowUnknown, label, scenario, set)");
        assertThat(error("scenarios:\n  - {scenario: one-of-three-crashes, label: a}\n  - {scenario: one-of-three-crashes, label: a}\n"))
                .isEqualTo("ci.yaml: scenarios[1].label: a (expected: a label not used before in this suite)");
        assertThat(error("scenarios: [ {scenario: one-of-three-crashes, set: {load.duration: banana}} ]\n"))
                .as("a bad override is reported at the suite's line")
                .startsWith("ci.yaml: scenarios[0].set.load.duration: banana (expected: ");
        assertThat(error("set: {load.rate: fast}\nscenarios: [ {scenario: one-of-three-crashes} ]\n"))
                .as("a bad suite-wide override").startsWith("ci.yaml: set.load.rate: fast (expected: ");
        assertThat(error("scenarios:\n  - scenario: one-of-three-crashes\n    set:\n      faults[7].at: 1s\n"))
                .as("an override of a missing element")
                .isEqualTo("ci.yaml: scenarios[0].set.faults[7].at: faults[7] (expected: an existing list element)");
        assertThat(error("scenarios: [ {scenario: one-of-three-crashes\n")).as("not YAML").startsWith("ci.yaml: (file): ");
        assertThat(error("- a\n- b\n")).isEqualTo("ci.yaml: (root): [\"a\",\"b\"] (expected: a mapping)");
    }

    @Test
    void aScenarioFileIsFoundRelativeToTheSuite() throws IOException {
        Files.writeString(dir.resolve("mine.yaml"), Files.readString(LIBRARY.resolve("one-of-three-crashes.yaml"))
                .replace("name: one-of-three-crashes", "name: mine"));

        SuiteConfig suite = load("scenarios: [ {scenario: mine.yaml} ]\n");

        assertThat(suite.entries().get(0).scenario()).as("resolved against the suite's folder")
                .isEqualTo(dir.toAbsolutePath().resolve("mine.yaml").toString());
        assertThat(suite.entries().get(0).label()).isEqualTo("mine");
        assertThat(List.of(suite.entries().get(0).allowUnknown())).containsExactly(false);
    }
}
