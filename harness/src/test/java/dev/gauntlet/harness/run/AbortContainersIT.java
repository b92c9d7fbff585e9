package dev.gauntlet.harness.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gauntlet.harness.runtime.ChildRegistry;
import dev.gauntlet.harness.runtime.ProjectHome;
import dev.gauntlet.harness.runtime.container.ContainerLeftovers;
import dev.gauntlet.harness.runtime.container.Docker;
import dev.gauntlet.harness.runtime.container.ContainersAvailable;
import dev.gauntlet.report.run.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Aborting a real harness process that runs its parts in containers: SIGTERM removes the run's containers
 * and network and keeps partial results; after kill -9 they stay, and the next run removes them — from
 * the run's record, or, when the run directory is gone, by their labels.
 */
class AbortContainersIT {

    @TempDir
    Path tmp;

    @BeforeEach
    void docker() {
        ContainersAvailable.assume();
    }

    private Process startHarness(Path runs) throws Exception {
        Path scenario = ShortScenarios.write(tmp, "short-crash", ShortScenarios.CRASH_IN_CONTAINERS);
        List<String> command = new ArrayList<>(List.of(ProjectHome.java(), "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "-Dgauntlet.home=" + ProjectHome.root(), "-jar", ProjectHome.root().resolve("harness/target/harness.jar").toString(),
                "run", scenario.toString(), "--runs-dir", runs.toString()));
        // the test JVM's environment (TESTCONTAINERS_* from the pom) is inherited
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(tmp.resolve("harness.out").toFile()).start();
    }

    private static Path awaitCrashInjected(Path runs) {
        return await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!Files.isDirectory(runs)) {
                return null;
            }
            try (Stream<Path> s = Files.list(runs)) {
                Path run = s.filter(Files::isDirectory).findFirst().orElse(null);
                Path timeline = run == null ? null : run.resolve(RunDirectory.TIMELINE);
                return timeline != null && Files.exists(timeline) && Files.readString(timeline).contains("\"crash\"") ? run : null;
            }
        }, r -> r != null);
    }

    @Test
    void sigtermRemovesTheRunsContainersAndNetworkAndKeepsPartialResults() throws Exception {
        Path runs = tmp.resolve("runs");
        Process harness = startHarness(runs);
        Path run = awaitCrashInjected(runs);
        String runId = run.getFileName().toString();
        assertThat(ContainerChecks.containersOf(runId)).as("the run's containers exist while it runs: gateway, toxiproxy, 3 replicas of two").hasSize(8);

        harness.destroy(); // SIGTERM
        assertThat(harness.waitFor(90, TimeUnit.SECONDS)).as("the harness exits after an abort").isTrue();

        String out = Files.readString(tmp.resolve("harness.out"));
        assertThat(out).as(out).contains("aborting").contains("report: ");
        RunDirectory dir = new RunDirectory(run);
        assertThat(dir.manifest().aborted()).isTrue();
        assertThat(dir.requests()).as("requests recorded before the abort are kept").hasSizeGreaterThan(300);
        assertThat(dir.result()).as("the partial run is scored").isNotNull();
        ContainerChecks.assertNothingLeft(run);
    }

    @Test
    void kill9LeavesContainersThatTheNextRunRemovesFromTheRunsRecord() throws Exception {
        Path runs = tmp.resolve("runs");
        Process harness = startHarness(runs);
        Path run = awaitCrashInjected(runs);
        String runId = run.getFileName().toString();

        harness.destroyForcibly(); // kill -9: no hook runs
        harness.waitFor(30, TimeUnit.SECONDS);
        assertThat(ContainerChecks.containersOf(runId)).as("a killed harness leaves its containers").isNotEmpty();
        assertThat(ContainerChecks.networksOf(runId)).as("and its network").hasSize(1);

        List<String> reaped = ChildRegistry.reapLeftovers(runs);

        assertThat(reaped).as("what was removed is reported").anySatisfy(l -> assertThat(l).contains("container gauntlet-" + runId + "-gateway"));
        assertThat(reaped).anySatisfy(l -> assertThat(l).contains("network gauntlet-" + runId));
        assertThat(ContainerChecks.containersOf(runId)).isEmpty();
        assertThat(ContainerChecks.networksOf(runId)).isEmpty();
        assertThat(run.resolve(".alive")).doesNotExist();
    }

    @Test
    void kill9LeftoversWhoseRunDirectoryIsGoneAreRemovedByLabel() throws Exception {
        Path runs = tmp.resolve("runs");
        Process harness = startHarness(runs);
        Path run = awaitCrashInjected(runs);
        String runId = run.getFileName().toString();
        harness.destroyForcibly();
        harness.waitFor(30, TimeUnit.SECONDS);
        deleteTree(runs); // the run's record is gone with it: only the labels say whose they are

        List<String> swept = ContainerLeftovers.sweepDeadRuns(Docker.client());

        assertThat(swept).anySatisfy(l -> assertThat(l).contains("of run " + runId));
        assertThat(ContainerChecks.containersOf(runId)).isEmpty();
        assertThat(ContainerChecks.networksOf(runId)).isEmpty();
    }

    private static void deleteTree(Path root) throws Exception {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
