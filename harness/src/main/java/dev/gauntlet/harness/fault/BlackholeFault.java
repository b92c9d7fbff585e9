package dev.gauntlet.harness.fault;

import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.Toxic;

/**
 * {@code blackhole}: Toxiproxy {@code timeout} toxic with timeout 0 (default upstream): connections
 * open, requests vanish, nothing ever comes back — a firewall DROP after the handshake. Verified
 * when a probe through the proxy gets no answer.
 */
final class BlackholeFault extends ToxicFault {

    BlackholeFault(FaultContext ctx, FaultParams p) {
        super(ctx, p.direction(), p.toxicity(), "down", "timeout");
    }

    @Override
    String toxicName() {
        return "gauntlet-blackhole";
    }

    @Override
    String describeSettings() {
        return "timeout toxic (0: hold forever)";
    }

    @Override
    int probeTimeoutMs() {
        return 300;
    }

    @Override
    Toxic add(Proxy proxy) throws Exception {
        return proxy.toxics().timeout(toxicName(), direction, 0);
    }

    @Override
    boolean affected(StreamProbe.Result before, StreamProbe.Result r) {
        return r.outcome() == Probe.Outcome.NO_ANSWER && r.bytes() == 0;
    }

    @Override
    void figures(ObjectNode probe, StreamProbe.Result before, StreamProbe.Result r) {
        probe.put("bytes_received", r.bytes()).put("waited_ms", round(r.endMs())).put("answered_before_ms", round(before.endMs()));
    }
}
