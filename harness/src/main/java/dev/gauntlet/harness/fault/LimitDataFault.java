package dev.gauntlet.harness.fault;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.Toxic;

/**
 * {@code limit_data}: Toxiproxy {@code limit_data} toxic: the connection is closed after {@code bytes}
 * bytes. Verified when a probe is cut off (or, when the limit exceeds a health answer, by read-back).
 */
final class LimitDataFault extends ToxicFault {

    private final long bytes;

    LimitDataFault(FaultContext ctx, FaultParams p) {
        super(ctx, p.direction(), p.toxicity(), "down", "fast_fail");
        this.bytes = p.count("bytes");
    }

    @Override
    String toxicName() {
        return "gauntlet-limit_data";
    }

    @Override
    String describeSettings() {
        return "limit_data " + bytes + " B";
    }

    @Override
    Toxic add(Proxy proxy) throws Exception {
        return proxy.toxics().limitData(toxicName(), direction, bytes);
    }

    @Override
    boolean probeShowsEffect(Probe.Result before, Probe.Result after) {
        return after.outcome() == Probe.Outcome.CLOSED || bytes > 64;
    }
}
