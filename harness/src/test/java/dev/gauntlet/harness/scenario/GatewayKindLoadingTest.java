package dev.gauntlet.harness.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gauntlet.harness.kind.FakeKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gateway.kind}: one of the registered kinds; a kind's refusals are the one-line error at load. */
class GatewayKindLoadingTest {

    @TempDir
    Path dir;

    private Scenario load(String gateway, String... overrides) throws IOException {
        Path file = Files.writeString(dir.resolve("k.yaml"), """
                name: k
                gateway: %s
                backends: [ { pool: api } ]
                load: { rate: 10/s, duration: 10s }
                """.formatted(gateway));
        return new ScenarioLoader(dir, (s, r) -> { }, (m, e) -> { }).load(file.toString(), List.of(overrides));
    }

    @Test
    void builtinIsTheDefaultKind() throws IOException {
        assertThat(load("{ config: {} }").gateway().kind()).as("no kind given").isEqualTo("builtin");
    }

    @Test
    void refusesAnUnknownKindNamingTheKnownOnes() {
        assertThatThrownBy(() -> load("{ kind: traefick }")).as("a typo in the kind")
                .isInstanceOf(ScenarioInvalidException.class)
                .hasMessageStartingWith("k.yaml: gateway.kind: traefick (expected: one of ").hasMessageContaining("builtin");
    }

    @Test
    void aKindsRefusalIsTheOneLineErrorAtTheSettingsPath() {
        try (FakeKind.Registered k = FakeKind.register()) {
            assertThatThrownBy(() -> load("{ kind: passive-only, config: { healthCheck: { interval: 1s } } }"))
                    .as("a setting the kind does not have is refused, never dropped")
                    .isInstanceOf(ScenarioInvalidException.class)
                    .hasMessage("k.yaml: gateway.config.healthCheck: {\"interval\":\"1s\"} (expected: " + FakeKind.WHY + ")");
        }
    }

    @Test
    void aKindWithoutTheRefusedSettingLoads() throws IOException {
        try (FakeKind.Registered k = FakeKind.register()) {
            assertThat(load("{ kind: passive-only, config: { retry: { maxRetries: 1 } } }").gateway().kind())
                    .as("nothing refused").isEqualTo(FakeKind.NAME);
        }
    }

    @Test
    void anOverriddenKindIsCheckedAsIfWritten() {
        try (FakeKind.Registered k = FakeKind.register()) {
            assertThatThrownBy(() -> load("{ config: { healthCheck: { interval: 1s } } }", "gateway.kind=passive-only"))
                    .as("--gateway passive-only on a scenario with a health check")
                    .isInstanceOf(ScenarioInvalidException.class)
                    .hasMessageStartingWith("k.yaml: gateway.config.healthCheck: ");
        }
    }

    @Test
    void theContainersRuntimeRunsOnlyBuiltin() {
        try (FakeKind.Registered k = FakeKind.register()) {
            assertThatThrownBy(() -> load("{ kind: passive-only }", "runtime=containers"))
                    .as("no image for other kinds yet").isInstanceOf(ScenarioInvalidException.class)
                    .hasMessageStartingWith("k.yaml: gateway.kind: passive-only (expected: builtin with runtime containers");
        }
    }
}
