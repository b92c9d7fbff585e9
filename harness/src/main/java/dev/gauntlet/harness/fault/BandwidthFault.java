package dev.gauntlet.harness.fault;

import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.Toxic;

/**
 * {@code bandwidth}: Toxiproxy {@code bandwidth} toxic, {@code rate} in KB/s. Measured: the
 * throughput of an answer (or, upstream, an upload) of about 400 ms at the asked rate through the proxy,
 * which must be at most a quarter over the asked rate while the path without the toxic was at least twice as fast.
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

    /** About 400 ms of transfer at the asked rate (KB/s = bytes per ms), at least 256 bytes. */
    private int transferBytes() {
        return (int) Math.max(256, Math.min(4_000_000, rateKbps * 400));
    }

    @Override
    int bodyBytes() {
        return upstream() ? 16 : transferBytes();
    }

    @Override
    int uploadBytes() {
        return upstream() ? transferBytes() : 0;
    }

    @Override
    int probeTimeoutMs() {
        return (int) Math.min(10_000, (transferBytes() + 512) / Math.max(1, rateKbps) + 1_500);
    }

    @Override
    String unobservable() {
        return rateKbps == 0 ? "rate 0 means no limit in Toxiproxy" : null;
    }

    /** KB/s as the probe saw it: the answer's bytes over its transfer, or the upload's over the wait for the answer. */
    private double kbps(StreamProbe.Result r) {
        return upstream() ? uploadBytes() / Math.max(0.001, r.firstByteDelayMs()) : r.throughputKBps();
    }

    /** A quarter over the asked rate allows for timing; the unthrottled path must have been twice as fast to tell. */
    @Override
    boolean affected(StreamProbe.Result before, StreamProbe.Result r) {
        return r.complete() && kbps(r) <= rateKbps * 1.25 && kbps(before) > rateKbps * 2;
    }

    @Override
    void figures(ObjectNode probe, StreamProbe.Result before, StreamProbe.Result r) {
        probe.put("throughput_kbps", round(kbps(r))).put("asked_kbps", rateKbps).put("unthrottled_kbps", round(kbps(before)))
                .put("bytes", upstream() ? uploadBytes() : r.bytes());
    }
}
