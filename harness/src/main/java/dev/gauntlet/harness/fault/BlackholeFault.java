package dev.gauntlet.harness.fault;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.ToxicDirection;

/**
 * {@code blackhole}: a Toxiproxy {@code timeout} toxic with timeout 0 on the upstream direction:
 * connections open, requests vanish, nothing ever comes back (a firewall DROP after the handshake).
 * Verified when a probe through the proxy gets no answer.
 */
final class BlackholeFault implements Fault {

    static final String TOXIC = "gauntlet-blackhole";
    private final FaultContext ctx;

    BlackholeFault(FaultContext ctx) {
        this.ctx = ctx;
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
    public Verification inject() throws Exception {
        Proxy proxy = ctx.runtime().toxiproxy().proxy(ctx.endpoint().id());
        proxy.toxics().timeout(TOXIC, ToxicDirection.UPSTREAM, 0);
        long effect = ctx.nowUs();
        Probe.Result probe = ctx.probeViaProxy(300);
        return new Verification(probe.outcome() == Probe.Outcome.NO_ANSWER, effect,
                "timeout toxic (0) added; " + probe.describe(ctx.proxyWhere()));
    }

    @Override
    public Verification heal() throws Exception {
        Proxy proxy = ctx.runtime().toxiproxy().proxy(ctx.endpoint().id());
        proxy.toxics().get(TOXIC).remove();
        long effect = ctx.nowUs();
        Probe.Result probe = ctx.probeViaProxy(FaultContext.PROBE_TIMEOUT_MS);
        return new Verification(probe.outcome() == Probe.Outcome.ANSWERED, effect,
                "timeout toxic removed; " + probe.describe(ctx.proxyWhere()));
    }
}
