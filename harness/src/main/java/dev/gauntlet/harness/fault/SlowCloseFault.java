package dev.gauntlet.harness.fault;

import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.Toxic;

/**
 * {@code slow_close}: Toxiproxy {@code slow_close} toxic: the close of a connection is delayed by
 * {@code delay}. Measured: the time from an answer's last byte to the end of its stream (at most 1.5 s is
 * waited for; a longer delay is verified as "not closed after 1.5 s").
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

    /** How long a probe waits for the close: the delay, but no more than 1.5 s so a run does not stall. */
    private long waitedMs() {
        return Math.min(delayMs, 1_500);
    }

    /** Long enough to see a close up to 1.5 s; for a longer delay, stop soon after 1.5 s without one. */
    @Override
    int probeTimeoutMs() {
        return (int) waitedMs() + (delayMs > waitedMs() ? 200 : 1_000);
    }

    @Override
    String unobservable() {
        return upstream() ? "upstream, the close towards the backend is delayed: no client sees it" : null;
    }

    /** The close came no sooner than asked (or, for a long delay, had not come when the probe stopped waiting). */
    @Override
    boolean affected(StreamProbe.Result before, StreamProbe.Result r) {
        return r.complete() && r.closeDelayMs() >= waitedMs() * 0.95;
    }

    @Override
    void figures(ObjectNode probe, StreamProbe.Result before, StreamProbe.Result r) {
        probe.put("close_delay_ms", round(r.closeDelayMs())).put("close_seen", r.eof()).put("asked_delay_ms", delayMs)
                .put("unslowed_close_ms", round(before.closeDelayMs()));
    }
}
