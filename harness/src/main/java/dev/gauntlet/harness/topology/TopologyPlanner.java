package dev.gauntlet.harness.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.harness.scenario.BackendPool;
import dev.gauntlet.harness.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a scenario into a {@link Topology}: one cluster per backend pool, every endpoint reached
 * through its own Toxiproxy proxy (so network faults hit health checks and traffic alike), and the
 * route for the load's path leading to the first pool.
 *
 * <p>A pool with {@code dns:} is found by name: replica k of the topology (counting over all pools)
 * gets its proxy on its own address ({@link Placement#dnsProxyHost}), all of the pool's proxies on one port
 * (the gateway's {@code dnsEndpoints} has one), and the cluster gets {@code dnsEndpoints} in place of
 * {@code endpoints}. The gateway's top-level {@code dns.server} points at the scenario's DNS server;
 * a {@code dns:} mapping in the scenario's {@code gateway.config} (ttlFloor, ttlMax, errorRetry,
 * timeout) is moved there, since the resolver is gateway-wide and not a cluster setting.
 *
 * <p>Two more keys of {@code gateway.config} are not cluster settings either: {@code routes} (a list of
 * the gateway's routes) replaces the default catch-all route to the first pool, and {@code weights} (a
 * list by replica index, e.g. {@code [0, 0, 0]}) sets the generated static endpoints' weights: the
 * library's zero-weight misconfiguration. Endpoints themselves stay the topology's ({@link BlastRadius}).
 *
 * <pre>{@code
 * Topology t = new TopologyPlanner().plan(scenario);                                   // local processes
 * Topology c = new TopologyPlanner().plan(scenario, new NetworkPlacement("10.213.7"));   // containers
 * }</pre>
 *
 * <p>Where parts live is the {@link Placement}'s business; the planner only writes it down.
 */
public final class TopologyPlanner {

    public static final String LOOPBACK = LoopbackPlacement.LOOPBACK;

    /** The local runtime's topology: everything on loopback. */
    public Topology plan(Scenario scenario) {
        return plan(scenario, new LoopbackPlacement());
    }

    public Topology plan(Scenario scenario, Placement placement) {
        List<EndpointPlan> endpoints = new ArrayList<>();
        List<DnsZonePlan> zones = new ArrayList<>();
        int global = 0;
        for (BackendPool pool : scenario.backends()) {
            List<String> hosts = new ArrayList<>();
            for (int i = 0; i < pool.replicas(); i++) {
                hosts.add(pool.usesDns() ? placement.dnsProxyHost(global + i) : placement.proxyHost());
            }
            int sharedPort = pool.usesDns() ? placement.port(hosts) : 0;
            for (int i = 0; i < pool.replicas(); i++) {
                String backendHost = placement.backendHost(global + i);
                endpoints.add(new EndpointPlan(pool.pool() + "-" + i, pool.pool(), i, backendHost,
                        placement.port(List.of(backendHost)), placement.port(List.of(backendHost)),
                        pool.usesDns() ? sharedPort : placement.port(List.of(hosts.get(i))), pool.behaviour(), hosts.get(i)));
            }
            if (pool.usesDns()) {
                zones.add(new DnsZonePlan(pool.pool(), pool.dns().name(), sharedPort, pool.dns().ttl(), hosts,
                        pool.dns().records()));
            }
            global += pool.replicas();
        }
        int dnsPort = zones.isEmpty() ? 0 : placement.port(List.of(placement.dnsServerHost()));
        String cluster = scenario.backends().get(0).pool();
        return new Topology(cluster, endpoints, gatewayConfig(scenario, endpoints, zones, placement, dnsPort, cluster),
                placement.port(List.of(LOOPBACK)), dnsPort, zones, scenario.gateway().openFilesLimit());
    }

    private static ObjectNode gatewayConfig(Scenario scenario, List<EndpointPlan> endpoints, List<DnsZonePlan> zones,
                                            Placement placement, int dnsPort, String routeCluster) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        Placement.GatewayBinding binding = placement.gatewayBinding();
        root.putObject("listen").put("host", binding.host()).put("port", binding.port());
        ObjectNode admin = root.putObject("admin").put("host", binding.host()).put("port", binding.adminPort());
        if (binding.beyondLoopback()) {
            admin.put("allowNonLoopback", true); // in a container; its port is published to the host's 127.0.0.1 only
        }
        JsonNode resolver = scenario.gateway().cluster().get("dns");
        if (!zones.isEmpty() || resolver != null) {
            ObjectNode dns = root.putObject("dns");
            if (resolver != null && resolver.isObject()) {
                dns.setAll((ObjectNode) resolver.deepCopy());
            }
            if (!zones.isEmpty()) {
                dns.put("server", placement.dnsServerHost() + ":" + dnsPort);
            }
        }
        JsonNode ownRoutes = scenario.gateway().cluster().get("routes");
        if (ownRoutes != null && ownRoutes.isArray()) {
            root.set("routes", ownRoutes.deepCopy()); // the scenario's own route table, e.g. a route the load misses
        } else {
            ArrayNode routes = root.putArray("routes");
            routes.addObject().put("host", "*").put("pathPrefix", "/").put("cluster", routeCluster);
        }
        ArrayNode clusters = root.putArray("clusters");
        for (BackendPool pool : scenario.backends()) {
            ObjectNode cluster = scenario.gateway().cluster().deepCopy();
            cluster.remove("dns");
            cluster.remove("routes");
            JsonNode weights = cluster.remove("weights");
            cluster.put("name", pool.pool());
            DnsZonePlan zone = zones.stream().filter(z -> z.pool().equals(pool.pool())).findFirst().orElse(null);
            if (zone != null) {
                cluster.remove("endpoints");
                cluster.putObject("dnsEndpoints").put("hostname", zone.hostname()).put("port", zone.port()).put("weight", 1);
            } else {
                cluster.remove("dnsEndpoints");
                ArrayNode list = cluster.putArray("endpoints");
                endpoints.stream().filter(e -> e.pool().equals(pool.pool())).forEach(e -> list.add(
                        endpointEntry(e, weights == null ? null : weights.get(e.index()))));
            }
            clusters.add(cluster);
        }
        return root;
    }

    /**
     * One static endpoint of the gateway config, with its weight from the scenario's {@code gateway.config.weights}
     * (by replica index; 1 when not listed). The gateway validates the value (0-10000) at start.
     */
    static ObjectNode endpointEntry(EndpointPlan e, JsonNode weight) {
        ObjectNode entry = JsonNodeFactory.instance.objectNode().put("name", e.id()).put("address", e.proxyAddress());
        if (weight != null && !weight.isNull()) {
            entry.set("weight", weight.deepCopy());
        } else {
            entry.put("weight", 1);
        }
        return entry;
    }
}
