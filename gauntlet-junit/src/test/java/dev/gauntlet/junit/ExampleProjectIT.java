package dev.gauntlet.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds and runs {@code examples/junit} — a team's own Maven project using {@code @GauntletScenario} — with
 * {@code mvn -o -q -f examples/junit verify}, against this build's artifacts: one test's scenario passes and its
 * test passes, the other's fails by design and its test fails with the failing check's line and the run directory.
 *
 * <p>Why a private local repository: this test runs before {@code install} (and other builds on the machine install
 * their own SNAPSHOTs into {@code ~/.m2}), so the example must see exactly this build's jars. The private repository
 * holds copies of them and links to everything else in {@code ~/.m2/repository}, so Maven stays offline.
 */
class ExampleProjectIT {

    private static final String VERSION = "0.1.0-SNAPSHOT";

    @TempDir
    Path tmp;

    @Test
    void examplePassesWithItsPassingScenarioAndFailsWithItsFailingOne() throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent(); // failsafe runs in gauntlet-junit/
        Path repo = privateRepository(root);
        Path example = root.resolve("examples/junit");
        deleteTree(example.resolve("target"));
        List<String> command = new ArrayList<>(List.of("mvn", "-o", "-q", "-B", "-f", example.toString(), "verify",
                "-Dmaven.repo.local=" + repo, "-Dgauntlet.runs.dir=" + tmp.resolve("runs")));
        String toxiproxy = System.getProperty("gauntlet.toxiproxy");
        if (toxiproxy != null) {
            command.add("-Dgauntlet.toxiproxy=" + toxiproxy);
        }
        Path log = tmp.resolve("mvn.log");
        Process mvn = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(mvn.waitFor(8, TimeUnit.MINUTES)).as("mvn finished within 8 minutes").isTrue();
        String output = Files.readString(log);

        assertThat(mvn.exitValue()).as("mvn fails because one scenario fails by design:%n%s", output).isNotZero();
        Path report = example.resolve("target/surefire-reports/TEST-com.example.gateway.GatewayResilienceTest.xml");
        assertThat(report).as("surefire ran the example's tests:%n%s", output).exists();
        String xml = Files.readString(report, StandardCharsets.UTF_8);
        assertThat(xml).as("two tests, one failure, no errors").contains("tests=\"2\"", "failures=\"1\"", "errors=\"0\"");
        String passing = testcase(xml, "drainedReplicaLosesNoTraffic");
        String failing = testcase(xml, "zeroWeightsLoseTraffic");
        assertThat(passing).as("the passing scenario's test: no failure:%n%s", xml).doesNotContain("<failure");
        assertThat(failing).as("the failing scenario's test fails with its failing check and the run directory")
                .contains("<failure", "gauntlet: config-zero-weights: exit 1, run directory " + tmp.resolve("runs"),
                        "fail availability:");
        try (Stream<Path> runs = Files.list(tmp.resolve("runs"))) {
            assertThat(runs.filter(d -> Files.exists(d.resolve("result.json"))).count())
                    .as("both runs kept their run directory with result.json").isEqualTo(2);
        }
    }

    private static String testcase(String xml, String name) {
        int at = xml.indexOf("name=\"" + name + "\"");
        assertThat(at).as("testcase %s in the report", name).isPositive();
        int end = xml.indexOf("</testcase>", at);
        int selfClosed = xml.indexOf("/>", at);
        int next = xml.indexOf("<testcase", at);
        if (end < 0 || (next > 0 && end > next)) {
            return xml.substring(at, selfClosed);
        }
        return xml.substring(at, end);
    }

    /** This build's parent pom and jars, and links to everything else in ~/.m2/repository. */
    private Path privateRepository(Path root) throws IOException {
        Path shared = Path.of(System.getProperty("user.home"), ".m2", "repository");
        Path repo = tmp.resolve("repository");
        Files.createDirectories(repo.resolve("dev"));
        try (Stream<Path> top = Files.list(shared)) {
            for (Path p : top.toList()) {
                if (!p.getFileName().toString().equals("dev")) {
                    Files.createSymbolicLink(repo.resolve(p.getFileName().toString()), p);
                }
            }
        }
        if (Files.isDirectory(shared.resolve("dev"))) {
            try (Stream<Path> dev = Files.list(shared.resolve("dev"))) {
                for (Path p : dev.toList()) {
                    if (!p.getFileName().toString().equals("gauntlet")) {
                        Files.createSymbolicLink(repo.resolve("dev").resolve(p.getFileName().toString()), p);
                    }
                }
            }
        }
        install(repo, "gauntlet-parent", root.resolve("pom.xml"), null);
        install(repo, "reports", root.resolve("reports/pom.xml"), root.resolve("reports/target/reports-" + VERSION + ".jar"));
        install(repo, "harness", root.resolve("harness/pom.xml"), root.resolve("harness/target/harness.jar"));
        install(repo, "gauntlet-junit", root.resolve("gauntlet-junit/pom.xml"),
                root.resolve("gauntlet-junit/target/gauntlet-junit-" + VERSION + ".jar"));
        return repo;
    }

    private static void install(Path repo, String artifact, Path pom, Path jar) throws IOException {
        Path dir = repo.resolve("dev/gauntlet").resolve(artifact).resolve(VERSION);
        Files.createDirectories(dir);
        Files.copy(pom, dir.resolve(artifact + "-" + VERSION + ".pom"), StandardCopyOption.REPLACE_EXISTING);
        if (jar != null) {
            assertThat(jar).as("built before the integration tests").exists();
            Files.copy(jar, dir.resolve(artifact + "-" + VERSION + ".jar"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
