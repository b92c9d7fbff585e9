package dev.gauntlet.harness.fault;

import eu.rekawek.toxiproxy.Proxy;

/**
 * {@code refuse}: the endpoint's Toxiproxy proxy is disabled, so its port refuses connections, as a
 * firewall REJECT or an empty port would. Verified when a connect to the proxy port is refused.
 */
final class RefuseFault implements Fault {

    private final FaultContext ctx;

    RefuseFault(FaultContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public String truth() {
        return "down";
    }

    @Override
    public String detection() {
        return "fast_fail";
    }

    @Override
    public Verification inject() throws Exception {
        Proxy proxy = ctx.runtime().toxiproxy().proxy(ctx.endpoint().id());
        proxy.disable();
        Probe.Result probe = Probe.connect(ctx.endpoint().proxyHost(), ctx.endpoint().proxyPort(), FaultContext.PROBE_TIMEOUT_MS);
        long effect = ctx.nowUs();
        return Verification.of(probe.outcome() == Probe.Outcome.REFUSED, effect,
                "proxy disabled; " + probe.describe(ctx.proxyWhere()), ProbeFigures.of(probe));
    }

    @Override
    public Verification heal() throws Exception {
        Proxy proxy = ctx.runtime().toxiproxy().proxy(ctx.endpoint().id());
        proxy.enable();
        Probe.Result probe = ctx.probeViaProxy(FaultContext.PROBE_TIMEOUT_MS);
        long effect = ctx.nowUs();
        return Verification.of(probe.outcome() == Probe.Outcome.ANSWERED, effect,
                "proxy enabled; " + probe.describe(ctx.proxyWhere()), ProbeFigures.of(probe));
    }
}
