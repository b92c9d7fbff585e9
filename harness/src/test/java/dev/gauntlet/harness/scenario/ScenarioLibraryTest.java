package dev.gauntlet.harness.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.gauntlet.harness.fault.FaultRegistry;
import dev.gauntlet.harness.score.Expectation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every scenario of the library loads and validates as {@code ./run.sh validate} would check it. */
class ScenarioLibraryTest {

    private static final Path SCENARIOS = Path.of("..", "scenarios");

    static Stream<Path> library() throws IOException {
        try (Stream<Path> files = Files.list(SCENARIOS)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("library")
    void validatesAndSaysWhatItReproduces(Path file) throws IOException {
        ScenarioLoader loader = new ScenarioLoader(SCENARIOS, FaultRegistry.standard()::validate, Expectation::parse);

        assertThatCode(() -> loader.load(file.toString(), List.of())).as("%s validates", file).doesNotThrowAnyException();
        assertThat(Files.readString(file)).as("%s starts with a comment naming its cause", file).startsWith("#");
    }

    /**
     * The library's house style (scenarios/README.md): the name is the file name, so {@code ./run.sh run <name>}
     * finds it; the header comment says the cause with the guide's section, what a good gateway does (or, for
     * the bad half of a pair, what goes wrong), and why the expectations are what they are.
     */
    /** The editor's schema line every library file starts with (SchemaAgreementTest checks it); the header follows. */
    private static final String SCHEMA_LINE = "# yaml-language-server:";

    @ParameterizedTest(name = "{0}")
    @MethodSource("library")
    void isNamedAfterItsFileAndExplainsItselfInItsHeader(Path file) throws IOException {
        Scenario scenario = new ScenarioLoader(SCENARIOS, FaultRegistry.standard()::validate, Expectation::parse)
                .load(file.toString(), List.of());
        String header = Files.readAllLines(file).stream().filter(line -> !line.startsWith(SCHEMA_LINE))
                .takeWhile(line -> line.startsWith("#"))
                .collect(java.util.stream.Collectors.joining("\n"));

        assertThat(scenario.name()).as("%s: name is the file name", file)
                .isEqualTo(file.getFileName().toString().replaceFirst("\\.yaml$", ""));
        assertThat(scenario.description()).as("%s: a one-line description for ./run.sh list", file).isNotBlank();
        assertThat(header).as("%s: the header's first line names the cause or marks a bad setting", file)
                .matches("(?s)^# (Cause:|BAD SETTING|NOT YET RUNNABLE).*");
        assertThat(header).as("%s: the header names the guide's section", file).containsIgnoringCase("guide");
        assertThat(header).as("%s: the header says what a good gateway does or what goes wrong", file)
                .containsAnyOf("What a good gateway does", "What goes wrong");
        assertThat(header).as("%s: the header explains its expectations", file).contains("Why these expectations");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("library")
    void marksABadHalfOnlyWhenItNamesTheCheckItFails(Path file) throws IOException {
        String text = Files.readString(file).replaceFirst("^" + java.util.regex.Pattern.quote(SCHEMA_LINE) + "[^\n]*\n", "");
        if (text.startsWith("# BAD SETTING")) {
            assertThat(text.lines().findFirst().orElse("")).as("%s: the first line names the failing check", file)
                    .containsPattern("meant to FAIL its [a-z_.\\[\\]0-9]+ expectation");
            assertThat(text).as("%s: the failing line is marked in expect", file).contains("FAILS by design");
        }
    }
}
