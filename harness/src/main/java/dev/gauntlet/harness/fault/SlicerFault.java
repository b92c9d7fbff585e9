package dev.gauntlet.harness.fault;

import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.Toxic;

/**
 * {@code slicer}: Toxiproxy {@code slicer} toxic: data cut into small packets with a delay between
 * them. Measured by a raw socket reader: the answer (or, upstream, an upload) must take at least the
 * slicer's least total delay, and downstream the median read may be no larger than one slice.
 */
final class SlicerFault extends ToxicFault {

    private final long averageSize;
    private final long sizeVariation;
    private final long delayUs;

    SlicerFault(FaultContext ctx, FaultParams p) {
        super(ctx, p.direction(), p.toxicity(), "degraded", "none");
        this.averageSize = p.count("averageSize");
        this.sizeVariation = p.count("sizeVariation");
        this.delayUs = p.count("delayUs");
    }

    /**
     * Toxiproxy 2.12's slicer panics (and takes the whole server down) when sizeVariation is not
     * smaller than averageSize, so the scenario is refused before the run instead.
     */
    static void checkSizes(dev.gauntlet.harness.scenario.YamlReader step) {
        long average = Long.parseLong(step.string("averageSize", "64"));
        long variation = Long.parseLong(step.string("sizeVariation", "32"));
        if (average < 1 || variation >= average) {
            throw step.invalidField("sizeVariation", String.valueOf(variation), "< averageSize (" + average + ") and averageSize >= 1");
        }
    }

    @Override
    String toxicName() {
        return "gauntlet-slicer";
    }

    @Override
    String describeSettings() {
        return "slicer " + averageSize + " B ± " + sizeVariation + " B every " + delayUs + " us";
    }

    @Override
    Toxic add(Proxy proxy) throws Exception {
        return proxy.toxics().slicer(toxicName(), direction, averageSize, delayUs).setSizeVariation(sizeVariation);
    }

    /** About 300 ms of slices (at least 8), each averageSize bytes on average. */
    private int slicedBytes() {
        long slices = delayUs == 0 ? 64 : Math.max(8, Math.min(2_000, 300_000 / delayUs));
        return (int) Math.min(256 * 1024, slices * averageSize);
    }

    @Override
    int bodyBytes() {
        return upstream() ? 16 : slicedBytes();
    }

    @Override
    int uploadBytes() {
        return upstream() ? slicedBytes() : 0;
    }

    @Override
    int probeTimeoutMs() {
        return (int) Math.min(10_000, minDurationMs(slicedBytes() + 512) * 3 + 1_500);
    }

    /**
     * The least time {@code bytes} can take through the slicer: Toxiproxy cuts every chunk into slices of at
     * most averageSize + sizeVariation bytes and waits delayUs after each, so at least ⌊bytes/(avg+var)⌋ − 1 delays.
     */
    private double minDurationMs(long bytes) {
        return Math.max(0, bytes / (averageSize + sizeVariation) - 1) * delayUs / 1000.0;
    }

    private double duration(StreamProbe.Result r) {
        return upstream() ? r.firstByteDelayMs() : r.transferMs();
    }

    @Override
    boolean affected(StreamProbe.Result before, StreamProbe.Result r) {
        long bytes = upstream() ? uploadBytes() : r.bytes();
        boolean slow = delayUs > 0 && duration(r) >= minDurationMs(bytes) && duration(before) < minDurationMs(bytes);
        // downstream the reader sees the slices themselves: no read larger than a slice, on the median
        boolean small = upstream() || r.medianReadSize() <= averageSize + sizeVariation;
        return r.complete() && slow && small;
    }

    @Override
    void figures(ObjectNode probe, StreamProbe.Result before, StreamProbe.Result r) {
        long bytes = upstream() ? uploadBytes() : r.bytes();
        probe.put("duration_ms", round(duration(r))).put("min_expected_ms", round(minDurationMs(bytes)))
                .put("unsliced_ms", round(duration(before))).put("bytes", bytes);
        if (!upstream()) {
            probe.put("reads", r.readSizes().size()).put("median_chunk_bytes", r.medianReadSize())
                    .put("max_chunk_bytes", r.maxReadSize()).put("median_gap_ms", round(r.medianGapMs()));
        }
        probe.put("asked_average_bytes", averageSize).put("asked_variation_bytes", sizeVariation).put("asked_delay_us", delayUs);
    }
}
