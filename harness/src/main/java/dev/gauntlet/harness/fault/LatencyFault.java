package dev.gauntlet.harness.fault;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
        return (int) Math.max(FaultContext.PROBE_TIMEOUT_MS, latency.plus(jitter).toMillis() + 1_000);
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
    String unobservable() {
        return latency.compareTo(jitter) <= 0 ? "jitter " + jitter.toMillis() + " ms >= latency " + latency.toMillis()
                + " ms: a connection may get no added delay at all" : null;
    }

    /** The smallest delay the toxic adds to a connection: latency minus jitter (Toxiproxy draws ±jitter). */
    private double leastAddedMs() {
        return latency.minus(jitter).toMillis();
    }

    @Override
    boolean affected(StreamProbe.Result before, StreamProbe.Result r) {
        return r.outcome() == Probe.Outcome.ANSWERED
                && r.firstByteDelayMs() - before.firstByteDelayMs() >= leastAddedMs() * 0.9;
    }

    @Override
    void figures(ObjectNode probe, StreamProbe.Result before, StreamProbe.Result r) {
        probe.put("added_latency_ms", round(r.firstByteDelayMs() - before.firstByteDelayMs()))
                .put("asked_latency_ms", latency.toMillis()).put("asked_jitter_ms", jitter.toMillis());
    }
}
