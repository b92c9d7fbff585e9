package dev.gauntlet.harness.fault;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * to survive, succeed with probability (1−p)²; the Clopper–Pearson interval of the success share,
 * turned into a loss interval 1−√share, must contain the configured rate.
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
        int ok = handshakes(host, port, PROBES);
        long effect = ctx.nowUs();
        double p = n / 100.0;
        // a handshake needs its SYN and its SYN-ACK through: success (1-p)^2, so loss = 1 - sqrt(success share)
        Binomial.Interval success = Binomial.clopperPearson(ok, PROBES, Binomial.CONFIDENCE);
        double estimate = 1 - Math.sqrt(success.share());
        double lossLow = 1 - Math.sqrt(success.high());
        double lossHigh = 1 - Math.sqrt(success.low());
        boolean verified = p >= lossLow && p <= lossHigh && ok < PROBES;
        ObjectNode probe = JsonNodeFactory.instance.objectNode().put("handshakes", PROBES).put("succeeded", ok)
                .put("loss", estimate).put("ci_low", lossLow).put("ci_high", lossHigh)
                .put("confidence", Binomial.CONFIDENCE).put("asked_loss", p);
        return Verification.of(verified, effect, String.format(java.util.Locale.ROOT,
                "nft numgen drop %d%% on port %d; %d of %d handshakes within %d ms: loss %.1f%% (%.0f%% CI %.1f-%.1f%%)",
                n, port, ok, PROBES, PROBE_TIMEOUT_MS, estimate * 100, Binomial.CONFIDENCE * 100, lossLow * 100, lossHigh * 100),
                probe);
    }

    /** Parallel handshakes to host:port, each given {@value #PROBE_TIMEOUT_MS} ms; how many completed. */
    static int handshakes(String host, int port, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Future<Probe.Result>> results = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                results.add(pool.submit(() -> Probe.connect(host, port, PROBE_TIMEOUT_MS)));
            }
            int ok = 0;
            for (Future<Probe.Result> r : results) {
                if (r.get().outcome() == Probe.Outcome.ANSWERED) {
                    ok++;
                }
            }
            return ok;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Healed when enough handshakes all complete that the asked loss would have failed one of them (99 %). */
    @Override
    public Verification heal() throws Exception {
        ctx.runtime().nftables().deleteFilter(chain(), true);
        double p = percent / 100.0;
        int m = Binomial.trialsToRuleOut(1 - (1 - p) * (1 - p), PROBES);
        int ok = handshakes(ctx.endpoint().proxyHost(), ctx.endpoint().proxyPort(), m);
        long effect = ctx.nowUs();
        ObjectNode probe = JsonNodeFactory.instance.objectNode().put("handshakes", m).put("succeeded", ok);
        return Verification.of(ok == m, effect, String.format(java.util.Locale.ROOT,
                "nft loss removed; %d of %d handshakes completed (enough to rule out %.0f%% loss at %.0f%%)",
                ok, m, percent, Binomial.CONFIDENCE * 100), probe);
    }
}
