package dev.gauntlet.harness.topology;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where one backend replica will live and how the gateway reaches it: gateway → Toxiproxy proxy
 * on {@code proxyHost:proxyPort} → backend on {@code host:backendPort}. Ports are fixed before start so
 * a restarted backend comes back on the same port, exactly as a restarted service would.
 *
 * <pre>{@code
 * EndpointPlan e = topology.endpoint("api", 0).orElseThrow();
 * Probe.http(e.proxyHost(), e.proxyPort(), "/health", 500);   // the gateway's own path to it
 * }</pre>
 *
 * @param host      the backend's (and its control port's) address, always 127.0.0.1
 * @param proxyHost the proxy's address: 127.0.0.1, or for a DNS pool the replica's own 127.0.0.x, so a
 *                  DNS record names one replica and all replicas of the pool share {@code proxyPort}
 */
public record EndpointPlan(String id, String pool, int index, String host, int backendPort, int controlPort,
                           int proxyPort, ObjectNode behaviour, String proxyHost) {

    /** A replica whose proxy listens on the backend's host (static endpoints). */
    public EndpointPlan(String id, String pool, int index, String host, int backendPort, int controlPort,
                        int proxyPort, ObjectNode behaviour) {
        this(id, pool, index, host, backendPort, controlPort, proxyPort, behaviour, host);
    }

    /**
     * Stands for a whole pool in the fault scheduler, for faults that act on the pool once (DNS faults
     * change the pool's name, not a replica); its id is the pool's name, so the timeline names the pool.
     */
    public static EndpointPlan wholePool(String pool) {
        return new EndpointPlan(pool, pool, -1, TopologyPlanner.LOOPBACK, 0, 0, 0, JsonNodeFactory.instance.objectNode());
    }

    public String backendAddress() {
        return host + ":" + backendPort;
    }

    /** {@code ip:port} the gateway connects to: the name it gives a DNS endpoint. */
    public String proxyAddress() {
        return proxyHost + ":" + proxyPort;
    }
}
