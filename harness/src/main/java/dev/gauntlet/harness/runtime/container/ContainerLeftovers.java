package dev.gauntlet.harness.runtime.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import dev.gauntlet.harness.runtime.ChildRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes what a run killed with {@code kill -9} left in Docker. Two ways, both needed: the run's own
 * record ({@code containers.jsonl}: names written <em>before</em> each object is made), read by any later
 * run's reaper; and a sweep by label at the start of every containers run, for objects whose run
 * directory is gone — an object is a leftover when the harness named in its {@code dev.gauntlet.harness}
 * label no longer runs (pid and start time, so a recycled pid does not protect it).
 */
public final class ContainerLeftovers {

    private ContainerLeftovers() {
    }

    /** Removes a dead run's recorded containers, then its network; a line per object removed. */
    public static List<String> reap(List<JsonNode> records) {
        List<String> removed = new ArrayList<>();
        if (records.isEmpty() || !Docker.available()) {
            return removed; // without a daemon, the label sweep of the next containers run removes them
        }
        DockerClient docker = Docker.client();
        for (String kind : new String[] {"container", "network"}) {
            for (JsonNode record : records) {
                if (!record.path("kind").asText().equals(kind)) {
                    continue;
                }
                String name = record.path("name").asText();
                try {
                    if (kind.equals("container")) {
                        Docker.remove(docker.inspectContainerCmd(name).exec().getId());
                    } else {
                        docker.removeNetworkCmd(name).exec();
                    }
                    removed.add(kind + " " + name);
                } catch (NotFoundException gone) {
                    // never made, or already removed
                } catch (DockerException e) {
                    removed.add(kind + " " + name + " NOT removed: " + e.getMessage());
                }
            }
        }
        return removed;
    }

    /** Removes every labelled container and network whose harness is dead; a line per object removed. */
    public static List<String> sweepDeadRuns(DockerClient docker) {
        List<String> removed = new ArrayList<>();
        for (Container c : docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(Docker.RUN_LABEL)).exec()) {
            if (!ChildRegistry.harnessAlive(c.getLabels().getOrDefault(Docker.HARNESS_LABEL, ""))) {
                Docker.remove(c.getId());
                removed.add("container " + (c.getNames().length > 0 ? c.getNames()[0].replaceFirst("^/", "") : c.getId())
                        + " of run " + c.getLabels().get(Docker.RUN_LABEL));
            }
        }
        for (Network n : docker.listNetworksCmd().withFilter("label", List.of(Docker.RUN_LABEL)).exec()) {
            if (!ChildRegistry.harnessAlive(n.getLabels().getOrDefault(Docker.HARNESS_LABEL, ""))) {
                try {
                    docker.removeNetworkCmd(n.getId()).exec();
                    removed.add("network " + n.getName() + " of run " + n.getLabels().get(Docker.RUN_LABEL));
                } catch (NotFoundException gone) {
                    // removed meanwhile
                }
            }
        }
        return removed;
    }
}
