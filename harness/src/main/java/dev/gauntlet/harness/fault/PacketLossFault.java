package dev.gauntlet.harness.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code packet_loss}: real loss at the IP layer — nftables {@code numgen random mod 100 < N drop}
 * for packets to <em>and</em> from the endpoint's proxy port, so only its traffic is hit and TCP
 * retransmits as on a lossy link — on the host's loopback, or, in the containers runtime, inside the
 * Toxiproxy container's network namespace. (Toxiproxy has no packet loss; this kernel has no netem.)
 *
 * <p>Verified statistically: {@value #PROBES} parallel handshakes, each needing its SYN and SYN-ACK
 * to survive, succeed with probability (1−p)²; the loss estimate 1−√(successes/probes) must be
 * near the configured rate.
 */
final class PacketLossFault implements Fault {

    static final int PROBES = 80;
    private static final int PROBE_TIMEOUT_MS = 300;

    private final FaultContext ctx;
    private final double percent;

    PacketLossFault(FaultContext ctx, FaultParams p) {
        this.ctx = ctx;
        this.percent = p.percent("rate");
    }

    private String chain() {
        return "packet_loss_" + ctx.endpoint().id().replaceAll("[^A-Za-z0-9_]", "_");
    }

    @Override
    public String truth() {
        return percent >= 100 ? "down" : "degraded";
    }

    @Override
    public String detection() {
        return percent >= 100 ? "timeout" : "none";
    }

    @Override
    public Verification inject() throws Exception {
        int port = ctx.endpoint().proxyPort();
        String host = ctx.endpoint().proxyHost();
        long n = Math.round(percent);
        ctx.runtime().nftables().addFilter(chain(),
                // by address too: a DNS pool's replicas share one proxy port on distinct addresses
                List.of("ip daddr " + host + " tcp dport " + port + " numgen random mod 100 < " + n + " drop"),
                List.of("ip saddr " + host + " tcp sport " + port + " numgen random mod 100 < " + n + " drop"));
        long effect = ctx.nowUs();
        double estimate = estimateLoss(host, port);
        double p = percent / 100.0;
        // Binomial noise of 80 handshakes: accept within about three standard deviations.
        double tolerance = 3 * Math.sqrt(Math.max(p * (1 - p), 0.01) / PROBES) + 0.03;
        boolean verified = Math.abs(estimate - p) <= tolerance;
        return new Verification(verified, effect, String.format(java.util.Locale.ROOT,
                "nft numgen drop %d%% on port %d; %d handshake probes estimate %.1f%% loss (tolerance ±%.1f%%)",
                n, port, PROBES, estimate * 100, tolerance * 100));
    }

    static double estimateLoss(String host, int port) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PROBES);
        try {
            List<Future<Probe.Result>> results = new ArrayList<>();
            for (int i = 0; i < PROBES; i++) {
                results.add(pool.submit(() -> Probe.connect(host, port, PROBE_TIMEOUT_MS)));
            }
            int ok = 0;
            for (Future<Probe.Result> r : results) {
                if (r.get().outcome() == Probe.Outcome.ANSWERED) {
                    ok++;
                }
            }
            return 1 - Math.sqrt(ok / (double) PROBES);
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public Verification heal() throws Exception {
        ctx.runtime().nftables().deleteFilter(chain(), true);
        long effect = ctx.nowUs();
        double estimate = estimateLoss(ctx.endpoint().proxyHost(), ctx.endpoint().proxyPort());
        return new Verification(estimate < 0.05, effect, String.format(java.util.Locale.ROOT,
                "nft loss removed; handshake probes estimate %.1f%% loss", estimate * 100));
    }
}
