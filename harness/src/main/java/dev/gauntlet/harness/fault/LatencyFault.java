package dev.gauntlet.harness.fault;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import eu.rekawek.toxiproxy.model.toxic.Latency;
import java.time.Duration;

/**
 * {@code latency}: a Toxiproxy {@code latency} toxic (with jitter) on the answers coming back.
 * Verified when a probe's round trip rose by at least the configured latency minus jitter over the
 * round trip measured just before.
 */
final class LatencyFault implements Fault {

    static final String TOXIC = "gauntlet-latency";
    private final FaultContext ctx;
    private final Duration latency;
    private final Duration jitter;

    LatencyFault(FaultContext ctx, Duration latency, Duration jitter) {
        this.ctx = ctx;
        this.latency = latency;
        this.jitter = jitter;
    }

    @Override
    public String truth() {
        return "degraded";
    }

    @Override
    public String detection() {
        return "none";
    }

    @Override
    public Verification inject() throws Exception {
        int timeout = (int) Math.max(FaultContext.PROBE_TIMEOUT_MS, latency.plus(jitter).toMillis() * 2 + 200);
        Probe.Result before = ctx.probeViaProxy(timeout);
        Proxy proxy = ctx.runtime().toxiproxy().proxy(ctx.endpoint().id());
        Latency toxic = proxy.toxics().latency(TOXIC, ToxicDirection.DOWNSTREAM, latency.toMillis());
        if (!jitter.isZero()) {
            toxic.setJitter(jitter.toMillis());
        }
        long effect = ctx.nowUs();
        Probe.Result after = ctx.probeViaProxy(timeout);
        double added = after.millis() - before.millis();
        boolean verified = after.outcome() == Probe.Outcome.ANSWERED && added >= latency.minus(jitter).toMillis() * 0.9;
        return new Verification(verified, effect, String.format(java.util.Locale.ROOT,
                "latency toxic %d ms ± %d ms; probe round trip %.1f ms → %.1f ms (+%.1f ms)",
                latency.toMillis(), jitter.toMillis(), before.millis(), after.millis(), added));
    }

    @Override
    public Verification heal() throws Exception {
        Proxy proxy = ctx.runtime().toxiproxy().proxy(ctx.endpoint().id());
        proxy.toxics().get(TOXIC).remove();
        long effect = ctx.nowUs();
        Probe.Result probe = ctx.probeViaProxy(FaultContext.PROBE_TIMEOUT_MS);
        boolean verified = probe.outcome() == Probe.Outcome.ANSWERED && probe.millis() < latency.toMillis();
        return new Verification(verified, effect, "latency toxic removed; " + probe.describe(ctx.proxyWhere()));
    }
}
