package dev.gauntlet.harness.topology;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * What a run starts: the backends (with fixed ports), one Toxiproxy proxy per backend, the scenario's
 * DNS server when a pool is found through DNS, and the gateway configuration that points every
 * cluster at those proxies (a static list, or a DNS name).
 *
 * <pre>{@code
 * Topology t = new TopologyPlanner().plan(scenario);
 * t.endpoint("api", 0);                        // api-0's ports and addresses
 * t.endpointIdFor("127.0.0.10:41001");         // "api-0": the id of a DNS endpoint the gateway names ip:port
 * }</pre>
 *
 * @param cluster        the cluster the load's route leads to
 * @param gatewayConfig  the complete gateway YAML tree, written to the run directory and passed with --config
 * @param toxiproxyPort  the Toxiproxy server's API port
 * @param dnsPort        the scenario DNS server's port (UDP and TCP on 127.0.0.1); 0 when no pool uses DNS
 * @param dnsZones       one per pool that uses DNS
 * @param gatewayOpenFilesLimit the gateway process's open-files limit, set once it is ready (0: left alone)
 */
public record Topology(String cluster, List<EndpointPlan> endpoints, ObjectNode gatewayConfig, int toxiproxyPort,
                       int dnsPort, List<DnsZonePlan> dnsZones, int gatewayOpenFilesLimit) {

    public Topology {
        endpoints = List.copyOf(endpoints);
        dnsZones = List.copyOf(dnsZones);
    }

    /** A topology whose gateway keeps its open-files limit. */
    public Topology(String cluster, List<EndpointPlan> endpoints, ObjectNode gatewayConfig, int toxiproxyPort,
                    int dnsPort, List<DnsZonePlan> dnsZones) {
        this(cluster, endpoints, gatewayConfig, toxiproxyPort, dnsPort, dnsZones, 0);
    }

    /** A topology with static endpoints only. */
    public Topology(String cluster, List<EndpointPlan> endpoints, ObjectNode gatewayConfig, int toxiproxyPort) {
        this(cluster, endpoints, gatewayConfig, toxiproxyPort, 0, List.of());
    }

    public Optional<EndpointPlan> endpoint(String pool, int index) {
        return endpoints.stream().filter(e -> e.pool().equals(pool) && e.index() == index).findFirst();
    }

    public Optional<EndpointPlan> endpoint(String id) {
        return endpoints.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    public boolean hasDns() {
        return !dnsZones.isEmpty();
    }

    public Optional<DnsZonePlan> dnsZone(String pool) {
        return dnsZones.stream().filter(z -> z.pool().equals(pool)).findFirst();
    }

    /**
     * The endpoint id for a name the gateway uses: a DNS endpoint is named by its {@code ip:port}, which is
     * its proxy's address; any other name (already an id) is returned as it is.
     */
    public String endpointIdFor(String gatewayName) {
        return endpoints.stream().filter(e -> e.proxyAddress().equals(gatewayName)).map(EndpointPlan::id)
                .findFirst().orElse(gatewayName);
    }

    /** How many endpoints the gateway knows at start: every static one, and a DNS pool's initial records. */
    public int initialViewSize() {
        long dnsPools = endpoints.stream().filter(e -> dnsZone(e.pool()).isPresent()).count();
        return (int) (endpoints.size() - dnsPools + dnsZones.stream().mapToInt(z -> z.records().size()).sum());
    }
}
