package dev.gauntlet.harness.topology;

import java.util.List;

/**
 * The containers runtime's placement: fixed addresses on the run's own /24 network, chosen before any
 * container starts, so the gateway's configuration names them up front and a restarted container
 * comes back on the same address.
 *
 * <pre>
 *   x.1        the host's end of the bridge (the scenario DNS server listens here)
 *   x.2        Toxiproxy (static endpoints' proxies)
 *   x.3        the gateway
 *   x.20+k     backend replica k
 *   x.100+k    DNS replica k's proxy: an extra address on Toxiproxy's interface
 * </pre>
 *
 * Every part has its own network namespace, so ports only need to be distinct within a run; they are
 * handed out in sequence.
 */
public final class NetworkPlacement implements Placement {

    public static final int GATEWAY_PORT = 8080;
    public static final int GATEWAY_ADMIN_PORT = 9901;
    static final int FIRST_BACKEND = 20;
    static final int FIRST_DNS_PROXY = 100;
    private static final int FIRST_PORT = 20_000;

    private final String prefix;
    private int nextPort = FIRST_PORT;
    /** The host's own ports (the DNS server on the bridge), outside the host's ephemeral range. */
    private final RunPorts hostPorts = RunPorts.fromKernel();

    /** @param subnetPrefix the first three octets of the run's /24, e.g. {@code "10.213.7"} */
    public NetworkPlacement(String subnetPrefix) {
        if (!subnetPrefix.matches("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")) {
            throw new IllegalArgumentException("not the first three octets of a /24: " + subnetPrefix);
        }
        this.prefix = subnetPrefix;
    }

    public String subnet() {
        return prefix + ".0/24";
    }

    public String bridgeHost() {
        return prefix + ".1";
    }

    public String gatewayHost() {
        return prefix + ".3";
    }

    @Override
    public String backendHost(int globalIndex) {
        return address(FIRST_BACKEND, FIRST_DNS_PROXY - 1, globalIndex, "backend replica " + globalIndex);
    }

    @Override
    public String proxyHost() {
        return prefix + ".2";
    }

    @Override
    public String dnsProxyHost(int globalIndex) {
        return address(FIRST_DNS_PROXY, 254, globalIndex, "DNS replica " + globalIndex);
    }

    @Override
    public String dnsServerHost() {
        return bridgeHost();
    }

    /**
     * The next port of the sequence, or for the host's end of the bridge (the scenario DNS server, which
     * shares the host's ports with everything else) a port free there right now.
     */
    @Override
    public synchronized int port(List<String> hosts) {
        if (hosts.equals(List.of(bridgeHost()))) {
            try {
                return hostPorts.pick(hosts);
            } catch (IllegalStateException notHere) {
                // no such bridge on this host (a plan made without Docker, as in tests): any port of the sequence
            }
        }
        return nextPort++;
    }

    @Override
    public GatewayBinding gatewayBinding() {
        return new GatewayBinding("0.0.0.0", GATEWAY_PORT, GATEWAY_ADMIN_PORT, true);
    }

    @Override
    public boolean owns(String host) {
        return host.startsWith(prefix + ".");
    }

    /** Address {@code first + index} of the range [first, last]. */
    private String address(int first, int last, int index, String what) {
        if (first + index > last) {
            throw new IllegalArgumentException(what + " has no address left on the run network " + subnet()
                    + " (at most " + (last - first + 1) + ")");
        }
        return prefix + "." + (first + index);
    }
}
