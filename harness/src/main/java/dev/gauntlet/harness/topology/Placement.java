package dev.gauntlet.harness.topology;

import java.util.List;

/**
 * Where a runtime puts the parts, so the planner can write every address into the topology and the
 * gateway's configuration before anything starts. Two kinds: {@link LoopbackPlacement} (local processes
 * on 127.0.0.0/8) and {@link NetworkPlacement} (containers with fixed addresses on the run's own
 * Docker network).
 *
 * <p>All addresses are as seen from this host, which is also how the gateway sees them: in the
 * containers runtime the run network is routed from the host, and the gateway sits on it.
 */
public interface Placement {

    /** The address of replica {@code globalIndex}'s backend and control API (counting over all pools). */
    String backendHost(int globalIndex);

    /** The address of the static endpoints' Toxiproxy proxies. */
    String proxyHost();

    /** A DNS pool replica's own proxy address: a DNS record names one replica, all share the pool's port. */
    String dnsProxyHost(int globalIndex);

    /** Where the gateway reaches the scenario DNS server. */
    String dnsServerHost();

    /** A port for a part listening on every one of {@code hosts}, never handed out twice in one plan. */
    int port(List<String> hosts);

    /** The gateway's listen and admin bindings, as its configuration spells them. */
    GatewayBinding gatewayBinding();

    /** Whether {@code host} is one of this run's own parts (the blast radius allows loopback and these). */
    boolean owns(String host);

    /**
     * @param host        listen and admin host in the gateway's config
     * @param port        listen port (0: any)
     * @param adminPort   admin port (0: any)
     * @param beyondLoopback the admin API binds beyond loopback (in a container, published to the host's 127.0.0.1)
     */
    record GatewayBinding(String host, int port, int adminPort, boolean beyondLoopback) {
    }
}
