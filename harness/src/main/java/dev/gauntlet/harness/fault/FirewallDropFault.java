package dev.gauntlet.harness.fault;

import java.util.List;

/**
 * {@code firewall_drop}: a real nftables DROP of every packet to the endpoint's proxy port, on the
 * input hook, in the run's own table (on the host, or inside the Toxiproxy container's network namespace). New connections hang in SYN_SENT, established ones stall: a
 * firewall that silently drops. Verified when a probe's SYN goes unanswered.
 */
final class FirewallDropFault implements Fault {

    private final FaultContext ctx;

    FirewallDropFault(FaultContext ctx) {
        this.ctx = ctx;
    }

    private String chain() {
        return "firewall_drop_" + ctx.endpoint().id().replaceAll("[^A-Za-z0-9_]", "_");
    }

    @Override
    public String truth() {
        return "down";
    }

    @Override
    public String detection() {
        return "timeout";
    }

    @Override
    public Verification inject() {
        int port = ctx.endpoint().proxyPort();
        ctx.runtime().nftables().addFilter(chain(),
                List.of("ip daddr " + ctx.endpoint().proxyHost() + " tcp dport " + port + " drop"), List.of());
        Probe.Result probe = Probe.connect(ctx.endpoint().proxyHost(), port, 300);
        long effect = ctx.nowUs();
        return Verification.of(probe.outcome() == Probe.Outcome.CONNECT_TIMEOUT, effect,
                "nft drop tcp dport " + port + " in " + ctx.runtime().nftables().where() + "; "
                        + probe.describe(ctx.proxyWhere()), ProbeFigures.of(probe));
    }

    @Override
    public Verification heal() {
        ctx.runtime().nftables().deleteFilter(chain(), false);
        Probe.Result probe = ctx.probeViaProxy(FaultContext.PROBE_TIMEOUT_MS);
        long effect = ctx.nowUs();
        return Verification.of(probe.outcome() == Probe.Outcome.ANSWERED, effect,
                "nft drop removed; " + probe.describe(ctx.proxyWhere()), ProbeFigures.of(probe));
    }
}
