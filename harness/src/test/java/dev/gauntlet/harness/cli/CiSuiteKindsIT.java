package dev.gauntlet.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.harness.kind.GatewayKinds;
import dev.gauntlet.harness.kind.GatewayUnavailableException;
import dev.gauntlet.harness.kind.builtin.BuiltinKind;
import dev.gauntlet.harness.runtime.ProjectHome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CI suite ({@code scenarios/suites/ci.yaml}) gated against every registered gateway kind but builtin (whose own
 * gate is the default suite's), each with its committed expected verdicts ({@code scenarios/suites/expected/<kind>.yaml}):
 * a regression in an adapter, or a gateway behaving otherwise than its file says, fails here. Kinds come from
 * {@link GatewayKinds}, so a kind added there is gated as soon as it has its expected-verdicts file.
 *
 * <pre>{@code
 * mvn -B -pl harness -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=CiSuiteKindsIT \
 *     -Dgauntlet.allGateways=true       # every kind; ./run.sh test --all-gateways passes it
 * }</pre>
 *
 * Each kind's gate is four short scenarios of real processes: 81-121 s each on the shared 2 cores (2026-12-04:
 * haproxy 121 s, nginx 81 s, caddy 108 s, envoy 112 s, 424 s in all), more than the ~6 minutes CI can spare, so by
 * default only {@link #DEFAULT_KINDS} run (about 200 s) and the others skip saying how to run them. A kind whose binary
 * is not installed skips with the reason.
 */
class CiSuiteKindsIT {

    /**
     * The kinds gated by default: about 200 s together on 2 cores. caddy is not among them while its passive model
     * disagrees with what was measured (an ejection seen at [0, 52.7] ms below its 60 ms floor, docs/gateways/caddy.md):
     * a finding to fix in the model, not a bound to widen, and not a coin-flip for every merge.
     */
    static final Set<String> DEFAULT_KINDS = Set.of("haproxy", "nginx");
    static final String ALL_GATEWAYS = "gauntlet.allGateways";

    @TempDir
    Path tmp;

    static Stream<String> kinds() {
        return GatewayKinds.names().stream().filter(k -> !k.equals(BuiltinKind.NAME));
    }

    @ParameterizedTest(name = "ci gated against {0}")
    @MethodSource("kinds")
    void theCiSuiteGivesEveryVerdictTheKindGivesByDesign(String kind) throws Exception {
        Assumptions.assumeTrue(DEFAULT_KINDS.contains(kind) || Boolean.getBoolean(ALL_GATEWAYS),
                kind + " is gated only with -D" + ALL_GATEWAYS + "=true (./run.sh test --all-gateways): CI's time budget");
        try {
            GatewayKinds.byName(kind).binary();
        } catch (GatewayUnavailableException missing) {
            Assumptions.abort(kind + " is not installed: " + missing.getMessage());
        }
        Path expected = ProjectHome.scenariosDir().resolve("suites/expected").resolve(kind + ".yaml");
        assertThat(expected).as("every registered kind has its expected CI verdicts (issue 14)").isRegularFile();

        PrintStream stdout = System.out;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        long began = System.nanoTime();
        int exit;
        try {
            System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
            exit = GauntletMain.execute("gate", ProjectHome.scenariosDir().resolve("suites/ci.yaml").toString(),
                    "--gateway", kind, "--expected-verdicts", expected.toString(),
                    "--gates-dir", tmp.resolve("gates").toString());
        } finally {
            System.setOut(stdout);
        }
        long seconds = (System.nanoTime() - began) / 1_000_000_000L;
        // the wall time per kind is what decides DEFAULT_KINDS; printed for the CI log
        System.out.printf("CiSuiteKindsIT: %s gated in %d s (exit %d)%n", kind, seconds, exit);

        String printed = console.toString(StandardCharsets.UTF_8);
        Path gateDir;
        try (Stream<Path> dirs = Files.list(tmp.resolve("gates"))) {
            gateDir = dirs.findFirst().orElseThrow();
        }
        String summary = Files.readString(gateDir.resolve("summary.md"));
        assertThat(exit).as("every verdict is the one %s gives by design:%n%s%n%s", kind, printed, summary).isZero();
        assertThat(Files.readString(gateDir.resolve("junit.xml"))).as("one testsuite per scenario of the suite")
                .contains(List.of("name=\"one-of-three-crashes\"", "name=\"backend-hang\"", "name=\"health-500-partial\"",
                        "name=\"canary-errors\"").toArray(String[]::new))
                .doesNotContain("<failure");
    }
}
