package dev.gauntlet.harness.fault;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
    int probeTimeoutMs() {
        return (int) timeoutMs + 1_000;
    }

    @Override
    boolean affected(StreamProbe.Result before, StreamProbe.Result r) {
        return !r.complete() && (r.outcome() == Probe.Outcome.CLOSED || r.outcome() == Probe.Outcome.NO_ANSWER);
    }

    @Override
    void figures(ObjectNode probe, StreamProbe.Result before, StreamProbe.Result r) {
        probe.put("bytes_received", r.bytes()).put("cut_after_ms", round(r.endMs())).put("stream_ended", r.eof())
                .put("asked_timeout_ms", timeoutMs);
    }
}
