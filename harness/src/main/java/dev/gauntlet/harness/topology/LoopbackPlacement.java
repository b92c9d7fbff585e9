package dev.gauntlet.harness.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The local runtime's placement: every part on loopback. Backends and static proxies on 127.0.0.1 with
 * ports free right now; DNS replica k's proxy on its own 127.0.0.(10 + k) (Linux routes all of 127/8 to
 * loopback); the gateway on 127.0.0.1 with ports the plan fixes.
 */
public final class LoopbackPlacement implements Placement {

    public static final String LOOPBACK = "127.0.0.1";
    /** DNS replicas' proxies live on 127.0.0.(FIRST_DNS_HOST + k). */
    static final int FIRST_DNS_HOST = 10;

    private final Set<Integer> handedOut = new HashSet<>();

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
        return new GatewayBinding(LOOPBACK, port(List.of(LOOPBACK)), port(List.of(LOOPBACK)), false);
    }

    @Override
    public boolean owns(String host) {
        return false; // loopback is allowed anyway; nothing else is ours
    }

    /**
     * A port free right now on every one of {@code hosts} (a DNS pool's proxies share one port on distinct
     * addresses). Binding then releasing has a small race with other programs; the plan at least never
     * hands out the same port twice.
     */
    @Override
    public int port(List<String> hosts) {
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
