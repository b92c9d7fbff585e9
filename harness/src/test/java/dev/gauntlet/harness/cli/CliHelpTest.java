package dev.gauntlet.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Every subcommand answers {@code --help} (and {@code -h}) with its usage and exit 0, none with "Unknown option". */
class CliHelpTest {

    static java.util.Set<String> subcommands() {
        return new CommandLine(new GauntletMain()).getSubcommands().keySet();
    }

    @ParameterizedTest(name = "{0} --help")
    @MethodSource("subcommands")
    void everySubcommandAnswersHelp(String name) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = GauntletMain.execute(name, "--help");
        } finally {
            System.setOut(old);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as("%s --help exit code", name).isZero();
        assertThat(text).as("%s --help prints its usage", name).contains("Usage: gauntlet " + name, "-h, --help");
    }
}
