package dev.gauntlet.harness.topology;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where one backend replica will live and how the gateway reaches it: gateway → Toxiproxy proxy
 * on {@code proxyPort} → backend on {@code backendPort}. Ports are fixed before start so a restarted
 * backend comes back on the same port, exactly as a restarted service would.
 */
public record EndpointPlan(String id, String pool, int index, String host, int backendPort, int controlPort,
                           int proxyPort, ObjectNode behaviour) {

    public String backendAddress() {
        return host + ":" + backendPort;
    }

    public String proxyAddress() {
        return host + ":" + proxyPort;
    }
}
