package dev.gauntlet.harness.fault;

import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.Toxic;

/**
 * {@code limit_data}: Toxiproxy {@code limit_data} toxic: the connection is closed after {@code bytes}
 * bytes. Measured: an answer larger than the limit must stop at exactly {@code bytes} bytes and the stream end
 * (upstream: an upload larger than the limit gets no answer).
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
    int bodyBytes() {
        return upstream() ? 16 : (int) Math.min(8_000_000, bytes + 1_024);
    }

    @Override
    int uploadBytes() {
        return upstream() ? (int) Math.min(8_000_000, bytes + 1_024) : 0;
    }

    /** Downstream the cut is where the bytes stop: exactly the limit; upstream only that no answer came. */
    @Override
    boolean affected(StreamProbe.Result before, StreamProbe.Result r) {
        return r.eof() && !r.complete() && (upstream() || r.bytes() == bytes);
    }

    @Override
    void figures(ObjectNode probe, StreamProbe.Result before, StreamProbe.Result r) {
        if (upstream()) {
            probe.put("upload_bytes", uploadBytes()).put("answered", r.outcome() == Probe.Outcome.ANSWERED);
        } else {
            probe.put("cut_at_bytes", r.bytes()).put("full_answer_bytes", before.expectedBytes());
        }
        probe.put("asked_bytes", bytes).put("stream_ended", r.eof());
    }
}
