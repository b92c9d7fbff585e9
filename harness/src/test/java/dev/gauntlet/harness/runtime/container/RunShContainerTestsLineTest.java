package dev.gauntlet.harness.runtime.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.harness.runtime.ProjectHome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The last line of {@code ./run.sh test}: "ran" only when at least one container test executed (tests − skipped
 * from failsafe's XML), else SKIPPED saying why. Runs the real run.sh functions (sourced) on literal reports.
 */
class RunShContainerTestsLineTest {

    @TempDir
    Path root;

    private static String suite(String name, int tests, int skipped, String skipMessage) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                + "version=\"3.0.2\" name=\"" + name + "\" time=\"1.2\" tests=\"" + tests + "\" errors=\"0\" skipped=\""
                + skipped + "\" failures=\"0\">\n  <properties/>\n");
        for (int i = 0; i < tests; i++) {
            xml.append("  <testcase name=\"t").append(i).append("\" classname=\"").append(name).append("\" time=\"0.1\">");
            if (i < skipped) {
                xml.append("\n    <skipped message=\"").append(skipMessage).append("\"/>\n  ");
            }
            xml.append("</testcase>\n");
        }
        return xml.append("</testsuite>\n").toString();
    }

    private void report(String module, String name, String xml, Instant mtime) throws Exception {
        Path dir = Files.createDirectories(root.resolve(module).resolve("target/failsafe-reports"));
        Path file = Files.writeString(dir.resolve("TEST-" + name + ".xml"), xml);
        Files.setLastModifiedTime(file, FileTime.from(mtime));
    }

    /** Sources run.sh, points it at {@code root}, and prints the line for a run with ITs and Docker ready. */
    private String line(boolean containersReady) throws Exception {
        Path marker = Files.createFile(root.resolve("marker"));
        Files.setLastModifiedTime(marker, FileTime.from(Instant.now().minusSeconds(60)));
        String script = "source '" + ProjectHome.root().resolve("run.sh") + "'; ROOT='" + root + "'; DOCKER_PROBLEM='"
                + (containersReady ? "" : "no Docker daemon is reachable") + "'; container_tests_line true "
                + containersReady + " 27.5.1 0 '" + marker + "'";
        Process bash = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).as(out).isZero();
        return out.strip();
    }

    @Test
    void everyContainerTestSkippedIsSkippedNotRan() throws Exception {
        report("harness", "dev.gauntlet.harness.run.ScenarioRunContainersIT",
                suite("ScenarioRunContainersIT", 3, 3, "container tests skipped: no Docker daemon"), Instant.now());

        assertThat(line(true)).as("a report that exists but ran nothing is not 'ran'")
                .isEqualTo("container tests: SKIPPED — all 3 container tests skipped (container tests skipped: no Docker daemon)");
    }

    @Test
    void ranCountsTestsMinusSkippedOverEveryReport() throws Exception {
        report("harness", "dev.gauntlet.harness.run.ScenarioRunContainersIT", suite("ScenarioRunContainersIT", 4, 3, "x"), Instant.now());
        report("harness", "dev.gauntlet.harness.fault.FaultsContainersIT", suite("FaultsContainersIT", 2, 0, ""), Instant.now());
        report("harness", "dev.gauntlet.harness.fault.FaultsIT", suite("FaultsIT", 9, 0, ""), Instant.now());

        assertThat(line(true)).isEqualTo("container tests: ran (3 tests, Docker 27.5.1)");
    }

    @Test
    void reportsOlderThanThisMvnDoNotCount() throws Exception {
        report("harness", "dev.gauntlet.harness.run.ScenarioRunContainersIT", suite("ScenarioRunContainersIT", 2, 0, ""),
                Instant.now().minusSeconds(3600));

        assertThat(line(true)).isEqualTo("container tests: NOT RUN — no *ContainersIT test ran (none found);"
                + " Docker 27.5.1 and the base images were ready");
        assertThat(line2WithoutDocker()).isEqualTo("container tests: SKIPPED — no Docker daemon is reachable;"
                + " run ./run.sh test --with-docker (root) or start Docker");
    }

    private String line2WithoutDocker() throws Exception {
        Files.delete(root.resolve("marker"));
        return line(false);
    }
}
