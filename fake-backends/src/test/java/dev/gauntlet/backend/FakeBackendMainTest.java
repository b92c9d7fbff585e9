package dev.gauntlet.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FakeBackendMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new FakeBackendMain(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    @Test
    void badArgumentsPrintOneLineAndExit2() {
        assertThat(run("--id", "a", "--port", "70000")).as("exit code").isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).as("stderr")
                .isEqualTo("command line: --port: 70000 (expected: a port 0-65535 (0 picks a free one))\n");
        assertThat(out.size()).as("stdout").isZero();
    }

    @Test
    void missingIdAndUnknownOptionsAreUsageErrors() {
        assertThat(run("--port", "0")).as("no --id").isEqualTo(2);
        assertThat(run("--id", "a", "--verbose")).as("unknown option").isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).as("one line per failure").containsExactly(
                "command line: --id: missing (expected: a backend id, e.g. --id api-0)",
                "command line: arguments: --verbose (expected: options --id, --host, --port, --control-port, "
                        + "--control-host, --tls-ip-san, --behaviour, --help)");
    }

    @Test
    void invalidBehaviourIsAUsageError() {
        assertThat(run("--id", "a", "--behaviour", "{\"errors\":{\"status\":600}}")).as("exit code").isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).as("stderr")
                .isEqualTo("--behaviour: errors.status: 600 (expected: an HTTP status 100-599)\n");
    }

    @Test
    void helpPrintsUsageAndExits0() {
        assertThat(run("--help")).as("exit code").isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).as("usage").contains("--control-port");
    }

    @Test
    void controlHostDefaultsToLoopbackAndTakesBothForms() {
        FakeBackendMain plain = main();
        assertThat(plain.parse(new String[] {"--id", "a", "--host", "0.0.0.0"})).as("parsed").isTrue();
        assertThat(plain.controlHost).as("default, whatever --host says").isEqualTo("127.0.0.1");
        FakeBackendMain spaced = main();
        spaced.parse(new String[] {"--id", "a", "--control-host", "0.0.0.0", "--control-port", "9000"});
        assertThat(spaced.controlHost).as("--control-host value").isEqualTo("0.0.0.0");
        assertThat(spaced.controlPort).as("--control-port still parsed").isEqualTo("9000");
        assertThat(spaced.host).as("data host untouched").isEqualTo("127.0.0.1");
        FakeBackendMain joined = main();
        joined.parse(new String[] {"--control-host=::", "--id=a"});
        assertThat(joined.controlHost).as("--control-host=value").isEqualTo("::");
    }

    @Test
    void controlHostNeedsAValue() {
        assertThat(run("--id", "a", "--control-host")).as("no value").isEqualTo(2);
        assertThat(run("--id", "a", "--control-host=")).as("empty value").isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).as("one line per failure").containsExactly(
                "command line: --control-host: missing value (expected: a value after --control-host)",
                "command line: --control-host: \"\" (expected: an address to bind the control port to, e.g. 127.0.0.1"
                        + " or 0.0.0.0)");
        assertThat(out.size()).as("stdout").isZero();
    }

    @Test
    void usageDocumentsControlHost() {
        assertThat(run("--help")).as("exit code").isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).as("usage").contains("[--control-host 127.0.0.1]")
                .contains("--control-host  control port address (default 127.0.0.1");
    }

    private FakeBackendMain main() {
        return new FakeBackendMain(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void readyLineEscapesTheId() {
        assertThat(FakeBackendMain.jsonString("a\"b\\c")).as("escaped").isEqualTo("\"a\\\"b\\\\c\"");
    }

    @Test
    void tlsIpSansAreIpv4LiteralsSeparatedByCommas() {
        assertThat(FakeBackendMain.ipSans("10.213.7.2, 10.213.7.100")).as("two addresses")
                .containsExactly(new byte[] {10, (byte) 213, 7, 2}, new byte[] {10, (byte) 213, 7, 100});
        assertThat(FakeBackendMain.ipSans("")).as("none given").isEmpty();
        assertThat(run("--id", "a", "--tls-ip-san", "10.213.7.256")).as("not an address").isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("command line: --tls-ip-san: 10.213.7.256 (expected: IPv4 addresses separated by commas, e.g. 10.213.7.2)\n");
        assertThat(run("--id", "a", "--tls-ip-san", "api.internal")).as("a name is not looked up").isEqualTo(2);
    }
}
