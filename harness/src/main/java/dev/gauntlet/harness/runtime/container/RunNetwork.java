package dev.gauntlet.harness.runtime.container;

import com.github.dockerjava.api.model.Network.Ipam;
import dev.gauntlet.harness.runtime.PartStartException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.testcontainers.containers.Network;

/**
 * The run's own user-defined bridge network: a /24 under 10.213.0.0/16 that overlaps no route of this
 * host (which covers every other Docker network too), with an explicit subnet so every part can have a
 * fixed address ({@code NetworkPlacement}). Two runs may race for one subnet; the daemon refuses the
 * second ("overlaps"), which then takes the next.
 */
final class RunNetwork implements AutoCloseable {

    private static final String BASE = "10.213.";
    private static final int ATTEMPTS = 16;

    private final Network network;
    private final String prefix;

    private RunNetwork(Network network, String prefix) {
        this.network = network;
        this.prefix = prefix;
    }

    static RunNetwork create(String runId, Map<String, String> labels) {
        List<Integer> free = freeThirdOctets(hostRoutes());
        if (free.isEmpty()) {
            throw new PartStartException("containers runtime: every /24 of " + BASE + "0.0/16 overlaps a route of this host");
        }
        int start = Math.floorMod(runId.hashCode(), free.size());
        RuntimeException last = null;
        for (int i = 0; i < Math.min(ATTEMPTS, free.size()); i++) {
            String prefix = BASE + free.get((start + i) % free.size());
            Ipam.Config config = new Ipam.Config().withSubnet(prefix + ".0/24").withGateway(prefix + ".1");
            Network network = Network.builder().createNetworkCmdModifier(cmd -> cmd.withName("gauntlet-" + runId)
                    .withIpam(new Ipam().withConfig(config)).withLabels(labels)).build();
            try {
                network.getId(); // Testcontainers creates the network on first use
                return new RunNetwork(network, prefix);
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw new PartStartException("containers runtime: could not create the run network: "
                + (last == null ? "no subnet left" : last.getMessage()), last);
    }

    Network network() {
        return network;
    }

    String id() {
        return network.getId();
    }

    /** The first three octets of the /24, e.g. {@code 10.213.7}. */
    String prefix() {
        return prefix;
    }

    @Override
    public void close() {
        network.close();
    }

    /** Third octets n whose 10.213.n.0/24 overlaps none of {@code routes} (each {destination, mask}, host order). */
    static List<Integer> freeThirdOctets(List<long[]> routes) {
        List<Integer> free = new ArrayList<>();
        for (int n = 0; n < 256; n++) {
            long net = (10L << 24) | (213L << 16) | ((long) n << 8);
            long mask = 0xFFFFFF00L;
            boolean overlaps = false;
            for (long[] route : routes) {
                if (route[1] == 0) {
                    continue; // the default route covers everything and conflicts with nothing
                }
                long common = mask & route[1];
                if ((net & common) == (route[0] & common)) {
                    overlaps = true;
                    break;
                }
            }
            if (!overlaps) {
                free.add(n);
            }
        }
        return free;
    }

    /** This host's IPv4 routes from /proc/net/route (little-endian hex), as {destination, mask}. */
    static List<long[]> hostRoutes() {
        List<long[]> routes = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/net/route"));
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 7) {
                    routes.add(new long[] {Long.reverseBytes(Long.parseLong(f[1], 16)) >>> 32,
                            Long.reverseBytes(Long.parseLong(f[7], 16)) >>> 32});
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc (not Linux): let the daemon's own overlap check decide
        }
        return routes;
    }
}
