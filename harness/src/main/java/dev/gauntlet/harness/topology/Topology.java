package dev.gauntlet.harness.topology;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * What a run starts: the backends (with fixed ports), one Toxiproxy proxy per backend, and the
 * gateway configuration that points every cluster at those proxies.
 *
 * @param cluster        the cluster the load's route leads to
 * @param gatewayConfig  the complete gateway YAML tree, written to the run directory and passed with --config
 * @param toxiproxyPort  the Toxiproxy server's API port
 */
public record Topology(String cluster, List<EndpointPlan> endpoints, ObjectNode gatewayConfig, int toxiproxyPort) {

    public Topology {
        endpoints = List.copyOf(endpoints);
    }

    public Optional<EndpointPlan> endpoint(String pool, int index) {
        return endpoints.stream().filter(e -> e.pool().equals(pool) && e.index() == index).findFirst();
    }

    public Optional<EndpointPlan> endpoint(String id) {
        return endpoints.stream().filter(e -> e.id().equals(id)).findFirst();
    }
}
