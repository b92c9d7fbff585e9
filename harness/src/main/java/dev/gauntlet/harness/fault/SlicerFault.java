package dev.gauntlet.harness.fault;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.Toxic;

/**
 * {@code slicer}: Toxiproxy {@code slicer} toxic: data cut into small packets with a delay between
 * them. Verified by the server's read-back and an answering probe.
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

    @Override
    boolean probeShowsEffect(Probe.Result before, Probe.Result after) {
        return after.outcome() == Probe.Outcome.ANSWERED;
    }
}
