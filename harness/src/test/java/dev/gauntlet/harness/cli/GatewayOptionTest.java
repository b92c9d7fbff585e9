package dev.gauntlet.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gauntlet.harness.kind.FakeKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --gateway KIND} on run, gate and sweep: checked before anything runs, one line, exit 2. */
class GatewayOptionTest {

    @TempDir
    Path dir;

    private Path scenario() throws IOException {
        return Files.writeString(dir.resolve("hc.yaml"), """
                name: hc
                gateway: { config: { healthCheck: { interval: 1s } } }
                backends: [ { pool: api } ]
                load: { rate: 10/s, duration: 10s }
                """);
    }

    private record Exit(int code, String err) {
    }

    private static Exit execute(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true));
        try {
            return new Exit(GauntletMain.execute(args), err.toString());
        } finally {
            System.setErr(saved);
        }
    }

    @Test
    void anUnknownKindIsBadInputOnEveryCommand() throws IOException {
        String file = scenario().toString();
        for (String[] args : List.of(new String[] {"run", file, "--gateway", "ngnix", "--runs-dir", dir.toString()},
                new String[] {"gate", "ci", "--gateway", "ngnix", "--gates-dir", dir.toString()},
                new String[] {"sweep", "health-check-tuning", "--gateway", "ngnix", "--sweeps-dir", dir.toString()})) {
            Exit exit = execute(args);
            assertThat(exit.code()).as(args[0] + " --gateway ngnix: " + exit.err()).isEqualTo(GauntletMain.EXIT_BAD_INPUT);
            assertThat(exit.err().strip()).as(args[0] + ": one line naming the known kinds")
                    .startsWith("gauntlet: --gateway: ngnix (expected: one of builtin").doesNotContain("\n").doesNotContain("Exception");
        }
    }

    @Test
    void theOverrideIsCheckedAgainstTheKindsRefusals() throws IOException {
        try (FakeKind.Registered k = FakeKind.register()) {
            Exit exit = execute("run", scenario().toString(), "--gateway", FakeKind.NAME, "--runs-dir", dir.toString());
            assertThat(exit.code()).as(exit.err()).isEqualTo(GauntletMain.EXIT_BAD_INPUT);
            assertThat(exit.err().strip()).as("the scenario's own line for the refused setting")
                    .isEqualTo("hc.yaml: gateway.config.healthCheck: {\"interval\":\"1s\"} (expected: " + FakeKind.WHY + ")");
        }
    }

    @Test
    void theOverrideBecomesTheScenariosKind() {
        assertThat(Scenarios.withGateway(List.of("load.rate=5/s"), "builtin")).as("appended after --set")
                .containsExactly("load.rate=5/s", "gateway.kind=builtin");
        assertThat(Scenarios.withGateway(List.of(), null)).as("no option, no override").isEmpty();
        assertThatThrownBy(() -> Scenarios.gatewayOverride("ngnix")).isInstanceOf(IllegalArgumentException.class);
    }
}
