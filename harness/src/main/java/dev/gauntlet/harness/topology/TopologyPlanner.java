package dev.gauntlet.harness.topology;

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
 */
public final class TopologyPlanner {

    public static final String LOOPBACK = "127.0.0.1";

    private final Set<Integer> handedOut = new HashSet<>();

    public Topology plan(Scenario scenario) {
        List<EndpointPlan> endpoints = new ArrayList<>();
        for (BackendPool pool : scenario.backends()) {
            for (int i = 0; i < pool.replicas(); i++) {
                endpoints.add(new EndpointPlan(pool.pool() + "-" + i, pool.pool(), i, LOOPBACK,
                        freePort(), freePort(), freePort(), pool.behaviour()));
            }
        }
        String cluster = scenario.backends().get(0).pool();
        return new Topology(cluster, endpoints, gatewayConfig(scenario, endpoints, cluster), freePort());
    }

    private static ObjectNode gatewayConfig(Scenario scenario, List<EndpointPlan> endpoints, String routeCluster) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.putObject("listen").put("host", LOOPBACK).put("port", 0);
        root.putObject("admin").put("host", LOOPBACK).put("port", 0);
        ArrayNode routes = root.putArray("routes");
        routes.addObject().put("host", "*").put("pathPrefix", "/").put("cluster", routeCluster);
        ArrayNode clusters = root.putArray("clusters");
        for (BackendPool pool : scenario.backends()) {
            ObjectNode cluster = scenario.gateway().cluster().deepCopy();
            cluster.put("name", pool.pool());
            ArrayNode list = cluster.putArray("endpoints");
            endpoints.stream().filter(e -> e.pool().equals(pool.pool())).forEach(e ->
                    list.addObject().put("name", e.id()).put("address", e.proxyAddress()).put("weight", 1));
            clusters.add(cluster);
        }
        return root;
    }

    /**
     * A port free right now. Binding then releasing has a small race with other programs; the
     * planner at least never hands out the same port twice within one run.
     */
    int freePort() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
                int port = socket.getLocalPort();
                if (handedOut.add(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("no free port on " + LOOPBACK, e);
            }
        }
        throw new IllegalStateException("no free port on " + LOOPBACK + " after 50 attempts");
    }
}
