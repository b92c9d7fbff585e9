package dev.gauntlet.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.gauntlet.harness.runtime.container.Docker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the daemon holds of a run: its containers and networks, found by the run's label. */
final class ContainerChecks {

    private ContainerChecks() {
    }

    static List<String> containersOf(String runId) {
        DockerClient docker = Docker.client();
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(java.util.Map.of(Docker.RUN_LABEL, runId)).exec()
                .stream().map(c -> c.getNames()[0]).toList();
    }

    static List<String> networksOf(String runId) {
        DockerClient docker = Docker.client();
        return docker.listNetworksCmd().withFilter("label", List.of(Docker.RUN_LABEL + "=" + runId)).exec()
                .stream().map(n -> n.getName()).toList();
    }

    static void assertNothingLeft(Path runDir) throws Exception {
        String runId = runDir.getFileName().toString();
        assertThat(containersOf(runId)).as("no container of run %s is left", runId).isEmpty();
        assertThat(networksOf(runId)).as("no network of run %s is left", runId).isEmpty();
        assertThat(runDir.resolve(".alive")).as("the run marked itself finished").doesNotExist();
        assertThat(Files.readString(runDir.resolve("containers.jsonl"))).as("every object was recorded before it was made")
                .contains("\"network\"", "-gateway", "-toxiproxy", "-api-0");
    }
}
