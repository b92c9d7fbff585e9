package dev.gauntlet.harness.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildRegistryTest {

    @TempDir
    Path runs;

    private Process child;

    @AfterEach
    void killChild() {
        if (child != null) {
            child.destroyForcibly();
        }
    }

    private Process startSleeper() throws Exception {
        child = new ProcessBuilder("sleep", "300").start();
        return child;
    }

    /** A run whose harness is gone (its pid is recorded with an impossible start time). */
    private void deadHarnessRun(Path run) throws Exception {
        Files.createDirectories(run);
        Files.writeString(run.resolve(ChildRegistry.ALIVE), "{\"name\":\"harness\",\"pid\":1,\"started_ms\":1}\n");
    }

    @Test
    void reapsTheChildrenOfARunWhoseHarnessDied() throws Exception {
        Path run = runs.resolve("20260101-000000-dead");
        deadHarnessRun(run);
        Process sleeper = startSleeper();
        ChildRegistry registry = ChildRegistry.attach(run);
        registry.register("backend api-0", sleeper.toHandle());

        List<String> reaped = ChildRegistry.reapLeftovers(runs);

        assertThat(sleeper.waitFor(5, TimeUnit.SECONDS)).as("the leftover was killed").isTrue();
        assertThat(reaped).singleElement().asString().contains("backend api-0").contains(String.valueOf(sleeper.pid()));
        assertThat(run.resolve(ChildRegistry.ALIVE)).as("a reaped run is no longer live").doesNotExist();
    }

    @Test
    void neverKillsAProcessThatOnlyReusedARecordedPid() throws Exception {
        Path run = runs.resolve("20260101-000000-recycled");
        deadHarnessRun(run);
        Process sleeper = startSleeper();
        Files.writeString(run.resolve(ChildRegistry.CHILDREN),
                "{\"name\":\"backend api-0\",\"pid\":" + sleeper.pid() + ",\"started_ms\":1000}\n");

        List<String> reaped = ChildRegistry.reapLeftovers(runs);

        assertThat(reaped).as("start time differs: not ours").isEmpty();
        assertThat(sleeper.isAlive()).isTrue();
    }

    @Test
    void leavesARunInProgressAlone() throws Exception {
        Path run = runs.resolve("20260101-000000-live");
        ChildRegistry registry = ChildRegistry.open(run); // this JVM is the live harness
        Process sleeper = startSleeper();
        registry.register("gateway", sleeper.toHandle());

        assertThat(ChildRegistry.reapLeftovers(runs)).isEmpty();
        assertThat(sleeper.isAlive()).as("a concurrent run's child survives").isTrue();

        registry.close();
        assertThat(run.resolve(ChildRegistry.ALIVE)).doesNotExist();
    }
}
