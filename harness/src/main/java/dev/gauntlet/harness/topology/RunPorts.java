package dev.gauntlet.harness.topology;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Picks a run's listening ports outside the kernel's ephemeral range ({@code /proc/sys/net/ipv4/ip_local_port_range}).
 * A part that restarts binds its port again; had the port come from the ephemeral range, any outgoing
 * connection in between (the gateway's, a probe's, Gatling's) could have taken it as its source port and the
 * restart would fail. The kernel never picks a source port outside that range, so only another listener can
 * take ours, and each pick is checked free on every host and never handed out twice.
 *
 * <p>Picks are random over the allowed ports, not sequential, so concurrent runs on one host rarely try the
 * same port (the bind check settles the rest).
 *
 * <pre>{@code
 * RunPorts ports = RunPorts.fromKernel();
 * int port = ports.pick(List.of("127.0.0.1"));   // free now, e.g. 23817 when the range is 32768-60999
 * }</pre>
 */
final class RunPorts {

    static final Path RANGE_FILE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** Below this are well-known and commonly configured ports (8080, 9901 ...) that we leave alone. */
    static final int LOWEST = 10_000;
    static final int HIGHEST = 65_535;
    private static final int ATTEMPTS = 200;

    private final int ephemeralLow;
    private final int ephemeralHigh;
    private final Random random;
    private final Set<Integer> handedOut = new HashSet<>();

    RunPorts(int ephemeralLow, int ephemeralHigh, Random random) {
        if (ephemeralLow > ephemeralHigh) {
            throw new IllegalArgumentException(RANGE_FILE + ": " + ephemeralLow + " " + ephemeralHigh + " (expected: low <= high)");
        }
        this.ephemeralLow = ephemeralLow;
        this.ephemeralHigh = ephemeralHigh;
        this.random = random;
        if (allowed() == 0) {
            throw new IllegalStateException(RANGE_FILE + ": " + ephemeralLow + " " + ephemeralHigh
                    + " (expected: a range leaving ports between " + LOWEST + " and " + HIGHEST + " outside it)");
        }
    }

    /** The range this kernel uses for source ports, read now. */
    static RunPorts fromKernel() {
        int[] range = readRange(RANGE_FILE);
        return new RunPorts(range[0], range[1], new Random());
    }

    static int[] readRange(Path file) {
        try {
            String[] parts = Files.readString(file).strip().split("\\s+");
            return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
        } catch (IOException | RuntimeException e) {
            // Not Linux, or no procfs: Linux's default range, so the picks stay outside what it would be.
            return new int[] {32_768, 60_999};
        }
    }

    /** Whether {@code port} lies outside the ephemeral range and in the band we pick from. */
    boolean outsideEphemeral(int port) {
        return port >= LOWEST && port <= HIGHEST && (port < ephemeralLow || port > ephemeralHigh);
    }

    /** A port free right now on every one of {@code hosts}, outside the ephemeral range, never handed out twice. */
    synchronized int pick(List<String> hosts) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = nth(random.nextInt(allowed()));
            if (!handedOut.contains(port) && freeOnAll(hosts, port)) {
                handedOut.add(port);
                return port;
            }
        }
        throw new IllegalStateException("no port outside the ephemeral range " + ephemeralLow + "-" + ephemeralHigh
                + " free on all of " + hosts + " after " + ATTEMPTS + " attempts");
    }

    private int below() {
        return Math.max(0, Math.min(ephemeralLow, HIGHEST + 1) - LOWEST);
    }

    private int allowed() {
        return below() + Math.max(0, HIGHEST - Math.max(ephemeralHigh, LOWEST - 1));
    }

    /** The i-th allowed port: first those below the range, then those above it. */
    private int nth(int i) {
        return i < below() ? LOWEST + i : Math.max(ephemeralHigh, LOWEST - 1) + 1 + (i - below());
    }

    private static boolean freeOnAll(List<String> hosts, int port) {
        for (String host : hosts) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new java.net.InetSocketAddress(InetAddress.getByName(host), port), 1);
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }
}
