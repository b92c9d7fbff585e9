package dev.gauntlet.harness.fault;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.Toxic;

/**
 * {@code reset_peer}: Toxiproxy {@code reset_peer} toxic: connections are reset (TCP RST) after
 * {@code timeout}. Verified when a probe through the proxy is cut off without an answer.
 */
final class ResetPeerFault extends ToxicFault {

    private final long timeoutMs;

    ResetPeerFault(FaultContext ctx, FaultParams p) {
        super(ctx, p.direction(), p.toxicity(), "down", "fast_fail");
        this.timeoutMs = p.duration("timeout").toMillis();
    }

    @Override
    String toxicName() {
        return "gauntlet-reset_peer";
    }

    @Override
    String describeSettings() {
        return "reset_peer after " + timeoutMs + " ms";
    }

    @Override
    Toxic add(Proxy proxy) throws Exception {
        return proxy.toxics().resetPeer(toxicName(), direction, timeoutMs);
    }

    @Override
    boolean probeShowsEffect(Probe.Result before, Probe.Result after) {
        return after.outcome() == Probe.Outcome.CLOSED || after.outcome() == Probe.Outcome.NO_ANSWER;
    }
}
