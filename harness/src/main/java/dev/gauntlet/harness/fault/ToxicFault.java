package dev.gauntlet.harness.fault;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.Toxic;
import eu.rekawek.toxiproxy.model.ToxicDirection;

/**
 * The shared half of every Toxiproxy-toxic fault: add the toxic on the endpoint's proxy with its
 * direction and toxicity, read it back from the server, probe the gateway's path, and remove it on
 * heal. A subclass only says how to add its toxic and what the probe should see — the toxic's own
 * settings kept apart from where and how often it applies, as in Toxiproxy itself.
 */
abstract class ToxicFault implements Fault {

    protected final FaultContext ctx;
    protected final ToxicDirection direction;
    protected final float toxicity;
    private final String truth;
    private final String detection;

    /** {@code truth} and {@code detection}: what the toxic makes of the endpoint (see {@link Fault}). */
    ToxicFault(FaultContext ctx, ToxicDirection direction, float toxicity, String truth, String detection) {
        this.ctx = ctx;
        this.direction = direction;
        this.toxicity = toxicity;
        this.truth = truth;
        this.detection = detection;
    }

    @Override
    public String truth() {
        return truth;
    }

    @Override
    public String detection() {
        return detection;
    }

    /** The toxic's name on the proxy: one per action, so a heal finds it again. */
    abstract String toxicName();

    abstract Toxic add(Proxy proxy) throws Exception;

    /** Whether the probe taken right after adding the toxic shows its effect. */
    abstract boolean probeShowsEffect(Probe.Result before, Probe.Result after);

    /** Probe timeout: long enough for a slowed answer to arrive. */
    int probeTimeoutMs() {
        return FaultContext.PROBE_TIMEOUT_MS;
    }

    String describeSettings() {
        return toxicName();
    }

    @Override
    public Verification inject() throws Exception {
        Probe.Result before = ctx.probeViaProxy(probeTimeoutMs());
        Proxy proxy = ctx.runtime().toxiproxy().proxy(ctx.endpoint().id());
        Toxic toxic = add(proxy);
        if (toxicity < 1f) {
            toxic.setToxicity(toxicity);
        }
        long effect = ctx.nowUs();
        boolean present = proxy.toxics().getAll().stream().anyMatch(t -> t.getName().equals(toxicName()));
        Probe.Result after = ctx.probeViaProxy(probeTimeoutMs());
        // With toxicity < 1 one probe may miss the toxic: the server's read-back is the evidence then.
        boolean verified = present && (toxicity < 1f || probeShowsEffect(before, after));
        return new Verification(verified, effect, String.format(java.util.Locale.ROOT,
                "%s %s toxicity %.2f %s on the server; probe before: %s; after: %s", describeSettings(),
                direction.name().toLowerCase(java.util.Locale.ROOT), toxicity, present ? "present" : "MISSING",
                before.describe(ctx.proxyWhere()), after.describe(ctx.proxyWhere())));
    }

    @Override
    public Verification heal() throws Exception {
        Proxy proxy = ctx.runtime().toxiproxy().proxy(ctx.endpoint().id());
        proxy.toxics().get(toxicName()).remove();
        long effect = ctx.nowUs();
        Probe.Result probe = ctx.probeViaProxy(FaultContext.PROBE_TIMEOUT_MS * 2);
        return new Verification(probe.outcome() == Probe.Outcome.ANSWERED, effect,
                toxicName() + " removed; " + probe.describe(ctx.proxyWhere()));
    }
}
