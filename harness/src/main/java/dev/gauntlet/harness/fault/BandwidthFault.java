package dev.gauntlet.harness.fault;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.Toxic;

/**
 * {@code bandwidth}: Toxiproxy {@code bandwidth} toxic, {@code rate} in KB/s. A small health answer
 * passes almost unhindered, so verification rests on the server's read-back plus an answering probe.
 */
final class BandwidthFault extends ToxicFault {

    private final long rateKbps;

    BandwidthFault(FaultContext ctx, FaultParams p) {
        super(ctx, p.direction(), p.toxicity(), "degraded", "none");
        this.rateKbps = p.count("rate");
    }

    @Override
    String toxicName() {
        return "gauntlet-bandwidth";
    }

    @Override
    String describeSettings() {
        return "bandwidth " + rateKbps + " KB/s";
    }

    @Override
    Toxic add(Proxy proxy) throws Exception {
        return proxy.toxics().bandwidth(toxicName(), direction, rateKbps);
    }

    @Override
    boolean probeShowsEffect(Probe.Result before, Probe.Result after) {
        return after.outcome() == Probe.Outcome.ANSWERED;
    }
}
