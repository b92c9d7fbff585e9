package dev.gauntlet.harness.topology;

import java.util.List;

/**
 * The local runtime's placement: every part on loopback. Backends and static proxies on 127.0.0.1 with
 * ports free right now; DNS replica k's proxy on its own 127.0.0.(10 + k) (Linux routes all of 127/8 to
 * loopback); the gateway on 127.0.0.1 with ports the plan fixes; every port outside the kernel's ephemeral range.
 */
public final class LoopbackPlacement implements Placement {

    public static final String LOOPBACK = "127.0.0.1";
    /** DNS replicas' proxies live on 127.0.0.(FIRST_DNS_HOST + k). */
    static final int FIRST_DNS_HOST = 10;

    private final RunPorts ports;

    public LoopbackPlacement() {
        this(RunPorts.fromKernel());
    }

    LoopbackPlacement(RunPorts ports) {
        this.ports = ports;
    }

    @Override
    public String backendHost(int globalIndex) {
        return LOOPBACK;
    }

    @Override
    public String proxyHost() {
        return LOOPBACK;
    }

    @Override
    public String dnsProxyHost(int globalIndex) {
        int last = FIRST_DNS_HOST + globalIndex;
        if (last > 254) {
            throw new IllegalArgumentException("replica " + globalIndex + " of the topology has no 127.0.0.x address left"
                    + " for a DNS endpoint (at most " + (255 - FIRST_DNS_HOST) + " replicas)");
        }
        return "127.0.0." + last;
    }

    @Override
    public String dnsServerHost() {
        return LOOPBACK;
    }

    /**
     * Fixed listen and admin ports chosen by the plan: most gateway kinds (HAProxy, nginx, Envoy, Caddy)
     * cannot report a port they chose themselves, so every kind is handed its ports in its config.
     */
    @Override
    public GatewayBinding gatewayBinding() {
        // Chosen here, not by the gateway: port 0 would come from the ephemeral range.
        return new GatewayBinding(LOOPBACK, port(List.of(LOOPBACK)), port(List.of(LOOPBACK)), false);
    }

    @Override
    public boolean owns(String host) {
        return false; // loopback is allowed anyway; nothing else is ours
    }

    /**
     * A port free right now on every one of {@code hosts} (a DNS pool's proxies share one port on distinct
     * addresses), outside the kernel's ephemeral range so a restarting part finds it still free
     * ({@link RunPorts}). Binding then releasing has a small race with other listeners; the plan at least
     * never hands out the same port twice.
     */
    @Override
    public int port(List<String> hosts) {
        return ports.pick(hosts);
    }
}
