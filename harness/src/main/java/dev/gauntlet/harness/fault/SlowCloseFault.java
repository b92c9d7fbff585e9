package dev.gauntlet.harness.fault;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.Toxic;

/**
 * {@code slow_close}: Toxiproxy {@code slow_close} toxic: the close of a connection is delayed by
 * {@code delay}. Verified by the server's read-back and an answering probe.
 */
final class SlowCloseFault extends ToxicFault {

    private final long delayMs;

    SlowCloseFault(FaultContext ctx, FaultParams p) {
        super(ctx, p.direction(), p.toxicity(), "degraded", "none");
        this.delayMs = p.duration("delay").toMillis();
    }

    @Override
    String toxicName() {
        return "gauntlet-slow_close";
    }

    @Override
    String describeSettings() {
        return "slow_close " + delayMs + " ms";
    }

    @Override
    Toxic add(Proxy proxy) throws Exception {
        return proxy.toxics().slowClose(toxicName(), direction, delayMs);
    }

    @Override
    boolean probeShowsEffect(Probe.Result before, Probe.Result after) {
        return after.outcome() == Probe.Outcome.ANSWERED;
    }
}
