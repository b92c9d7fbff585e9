package dev.gauntlet.harness.fault;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.Toxic;
import eu.rekawek.toxiproxy.model.toxic.Latency;
import java.time.Duration;

/**
 * {@code latency}: Toxiproxy {@code latency} toxic with jitter (default on the answers coming back).
 * Verified when a probe's round trip rose by at least 90% of latency minus jitter.
 */
final class LatencyFault extends ToxicFault {

    private final Duration latency;
    private final Duration jitter;

    LatencyFault(FaultContext ctx, FaultParams p) {
        super(ctx, p.direction(), p.toxicity(), "degraded", "none");
        this.latency = p.duration("latency");
        this.jitter = p.duration("jitter");
    }

    @Override
    String toxicName() {
        return "gauntlet-latency";
    }

    @Override
    String describeSettings() {
        return "latency " + latency.toMillis() + " ms ± " + jitter.toMillis() + " ms";
    }

    @Override
    int probeTimeoutMs() {
        return (int) Math.max(FaultContext.PROBE_TIMEOUT_MS, latency.plus(jitter).toMillis() * 2 + 200);
    }

    @Override
    Toxic add(Proxy proxy) throws Exception {
        Latency toxic = proxy.toxics().latency(toxicName(), direction, latency.toMillis());
        if (!jitter.isZero()) {
            toxic.setJitter(jitter.toMillis());
        }
        return toxic;
    }

    @Override
    boolean probeShowsEffect(Probe.Result before, Probe.Result after) {
        return after.outcome() == Probe.Outcome.ANSWERED
                && after.millis() - before.millis() >= latency.minus(jitter).toMillis() * 0.9;
    }
}
