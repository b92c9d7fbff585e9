package dev.gauntlet.harness.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gateway.openFilesLimit}: validated in the one error format, 0 (left alone) when absent. */
class GatewaySettingsTest {

    @TempDir
    Path dir;

    private Scenario load(String gateway) throws IOException {
        Path file = Files.writeString(dir.resolve("fd.yaml"), """
                name: fd
                gateway: %s
                backends: [ { pool: api } ]
                load: { rate: 10/s, duration: 10s }
                """.formatted(gateway));
        return new ScenarioLoader(dir, (s, r) -> { }, (m, e) -> { }).load(file.toString(), List.of());
    }

    @Test
    void leavesTheLimitAloneWhenNotGiven() throws IOException {
        assertThat(load("{ kind: builtin }").gateway().openFilesLimit()).as("absent").isZero();
    }

    @Test
    void readsTheLimit() throws IOException {
        assertThat(load("{ openFilesLimit: 256 }").gateway().openFilesLimit()).as("given").isEqualTo(256);
    }

    @Test
    void refusesALimitTooLowForAJvmWithOneLine() {
        assertThatThrownBy(() -> load("{ openFilesLimit: 10 }")).as("below the minimum")
                .isInstanceOf(ScenarioInvalidException.class)
                .hasMessage("fd.yaml: gateway.openFilesLimit: 10 (expected: an integer from 64 to 1048576)");
    }

    @Test
    void refusesAnUnknownGatewayKey() {
        assertThatThrownBy(() -> load("{ openFiles: 256 }")).as("a typo does not pass silently")
                .isInstanceOf(ScenarioInvalidException.class).hasMessageContaining("gateway.openFiles");
    }
}
