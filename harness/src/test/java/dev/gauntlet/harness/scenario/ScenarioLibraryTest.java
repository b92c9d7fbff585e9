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
}
