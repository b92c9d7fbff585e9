package dev.gauntlet.harness.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.harness.scenario.BackendPool;
import dev.gauntlet.harness.scenario.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a scenario into a {@link Topology}: one cluster per backend pool, every endpoint reached
 * through its own Toxiproxy proxy (so network faults hit health checks and traffic alike), and the
 * route for the load's path leading to the first pool.
 *
 * <p>A pool with {@code dns:} is found by name: replica k of the topology (counting over all pools)
 * gets its proxy on its own loopback address 127.0.0.(10 + k), all of the pool's proxies on one port
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
 * Topology t = new TopologyPlanner().plan(scenario);
 * }</pre>
 */
public final class TopologyPlanner {

    public static final String LOOPBACK = "127.0.0.1";
    /** DNS replicas' proxies live on 127.0.0.(FIRST_DNS_HOST + k); Linux routes all of 127/8 to loopback. */
    static final int FIRST_DNS_HOST = 10;

    private final Set<Integer> handedOut = new HashSet<>();

    public Topology plan(Scenario scenario) {
        List<EndpointPlan> endpoints = new ArrayList<>();
        List<DnsZonePlan> zones = new ArrayList<>();
        int global = 0;
        for (BackendPool pool : scenario.backends()) {
            List<String> hosts = new ArrayList<>();
            for (int i = 0; i < pool.replicas(); i++) {
                hosts.add(pool.usesDns() ? dnsHost(global + i) : LOOPBACK);
            }
            int sharedPort = pool.usesDns() ? freePortOn(hosts) : 0;
            for (int i = 0; i < pool.replicas(); i++) {
                endpoints.add(new EndpointPlan(pool.pool() + "-" + i, pool.pool(), i, LOOPBACK, freePort(), freePort(),
                        pool.usesDns() ? sharedPort : freePort(), pool.behaviour(), hosts.get(i)));
            }
            if (pool.usesDns()) {
                zones.add(new DnsZonePlan(pool.pool(), pool.dns().name(), sharedPort, pool.dns().ttl(), hosts,
                        pool.dns().records()));
            }
            global += pool.replicas();
        }
        int dnsPort = zones.isEmpty() ? 0 : freePort();
        String cluster = scenario.backends().get(0).pool();
        return new Topology(cluster, endpoints, gatewayConfig(scenario, endpoints, zones, dnsPort, cluster), freePort(),
                dnsPort, zones, scenario.gateway().openFilesLimit());
    }

    static String dnsHost(int globalIndex) {
        int last = FIRST_DNS_HOST + globalIndex;
        if (last > 254) {
            throw new IllegalArgumentException("replica " + globalIndex + " of the topology has no 127.0.0.x address left"
                    + " for a DNS endpoint (at most " + (255 - FIRST_DNS_HOST) + " replicas)");
        }
        return "127.0.0." + last;
    }

    private static ObjectNode gatewayConfig(Scenario scenario, List<EndpointPlan> endpoints, List<DnsZonePlan> zones,
                                            int dnsPort, String routeCluster) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.putObject("listen").put("host", LOOPBACK).put("port", 0);
        root.putObject("admin").put("host", LOOPBACK).put("port", 0);
        JsonNode resolver = scenario.gateway().cluster().get("dns");
        if (!zones.isEmpty() || resolver != null) {
            ObjectNode dns = root.putObject("dns");
            if (resolver != null && resolver.isObject()) {
                dns.setAll((ObjectNode) resolver.deepCopy());
            }
            if (!zones.isEmpty()) {
                dns.put("server", LOOPBACK + ":" + dnsPort);
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

    /**
     * A port free right now. Binding then releasing has a small race with other programs; the
     * planner at least never hands out the same port twice within one run.
     */
    int freePort() {
        return freePortOn(List.of(LOOPBACK));
    }

    /** A port free on every one of {@code hosts} (a DNS pool's proxies share one port on distinct addresses). */
    int freePortOn(List<String> hosts) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(hosts.get(0)))) {
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("no free port on " + hosts.get(0), e);
            }
            if (!handedOut.contains(port) && freeOnAll(hosts.subList(1, hosts.size()), port)) {
                handedOut.add(port);
                return port;
            }
        }
        throw new IllegalStateException("no port free on all of " + hosts + " after 50 attempts");
    }

    private static boolean freeOnAll(List<String> hosts, int port) {
        for (String host : hosts) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(host))) {
                socket.setReuseAddress(true);
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }
}
