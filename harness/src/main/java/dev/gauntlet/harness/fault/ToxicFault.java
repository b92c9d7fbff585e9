package dev.gauntlet.harness.fault;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.Toxic;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The shared half of every Toxiproxy-toxic fault: add the toxic on the endpoint's proxy with its
 * direction and toxicity, then MEASURE its effect through the proxy with {@link StreamProbe}s, and remove
 * it on heal, measuring again that the path is normal. A subclass says what one probe exchange should
 * look like (sizes, timeout), when one exchange counts as affected, and which figures it reports.
 *
 * <p>With toxicity 1 one affected exchange verifies the toxic. Below 1 Toxiproxy draws per connection, so
 * {@value #SAMPLE} connections are probed at once and the share affected, with its Clopper–Pearson
 * interval ({@link Binomial#CONFIDENCE}), must contain the asked toxicity. A heal is verified when
 * the server no longer lists the toxic and enough connections come through unaffected to rule it out.
 * The effect's stamp is the end of the first probe that showed it; a heal's, the end of its last probe.
 */
abstract class ToxicFault implements Fault {

    static final int SAMPLE = 40;

    protected final FaultContext ctx;
    protected final ToxicDirection direction;
    protected final float toxicity;
    private final String truth;
    private final String detection;
    private StreamProbe.Result baseline;

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

    /** Whether one exchange shows the toxic, compared with the exchange taken before it was added. */
    abstract boolean affected(StreamProbe.Result before, StreamProbe.Result r);

    /** The toxic's measured figures from one affected (or, lacking one, any) exchange. */
    abstract void figures(ObjectNode probe, StreamProbe.Result before, StreamProbe.Result r);

    /** Bytes asked of the backend per exchange: enough for the toxic to show. */
    int bodyBytes() {
        return 16;
    }

    /** Bytes sent to the backend per exchange (an upstream toxic acts on these). */
    int uploadBytes() {
        return 0;
    }

    /** How long one exchange may take: long enough for the slowed answer to arrive. */
    int probeTimeoutMs() {
        return FaultContext.PROBE_TIMEOUT_MS * 2;
    }

    /** Why this toxic's effect cannot be seen from a client, or null when it can. */
    String unobservable() {
        return null;
    }

    String describeSettings() {
        return toxicName();
    }

    boolean upstream() {
        return direction == ToxicDirection.UPSTREAM;
    }

    StreamProbe.Result exchange() {
        return StreamProbe.fetch(ctx.endpoint().proxyHost(), ctx.endpoint().proxyPort(), bodyBytes(), uploadBytes(),
                probeTimeoutMs());
    }

    /** One exchange and the run-time stamp of its end. */
    record Timed(StreamProbe.Result result, long endUs) {
    }

    List<Timed> exchanges(int n) throws Exception {
        if (n == 1) {
            StreamProbe.Result r = exchange();
            return List.of(new Timed(r, ctx.nowUs()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Timed>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    StreamProbe.Result r = exchange();
                    return new Timed(r, ctx.nowUs());
                }));
            }
            List<Timed> out = new ArrayList<>();
            for (Future<Timed> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The path without the toxic: the faster of two exchanges, since the first through a just-started backend
     * or proxy can be slowed by a cold JVM, which would hide part of a latency measured against it.
     */
    private StreamProbe.Result baseline() {
        StreamProbe.Result first = exchange();
        StreamProbe.Result second = exchange();
        boolean firstNormal = first.outcome() == Probe.Outcome.ANSWERED && first.complete();
        return !firstNormal || (second.complete() && second.endMs() < first.endMs()) ? second : first;
    }

    @Override
    public Verification inject() throws Exception {
        String tls = ctx.backendTlsMode();
        baseline = baseline();
        Proxy proxy = ctx.runtime().toxiproxy().proxy(ctx.endpoint().id());
        Toxic toxic = add(proxy);
        if (toxicity < 1f) {
            toxic.setToxicity(toxicity);
        }
        boolean present = proxy.toxics().getAll().stream().anyMatch(t -> t.getName().equals(toxicName()));
        String settings = String.format(Locale.ROOT, "%s %s toxicity %.2f %s on the server", describeSettings(),
                direction.name().toLowerCase(Locale.ROOT), toxicity, present ? "present" : "MISSING");
        String why = tls != null ? "the backend serves TLS (" + tls + "): the probe measures plain HTTP through the proxy"
                : unobservable();
        ObjectNode probe = JsonNodeFactory.instance.objectNode().put("asked_toxicity", toxicity);
        if (why != null) {
            probe.put("unobservable", why);
            return Verification.of(false, ctx.nowUs(), settings + "; not verified: " + why, probe);
        }
        if (baseline.outcome() != Probe.Outcome.ANSWERED || !baseline.complete() || affected(baseline, baseline)) {
            return Verification.of(false, ctx.nowUs(), settings + "; not verified: the path was not normal before the toxic: "
                    + baseline.describe(ctx.proxyWhere()), probe);
        }
        List<Timed> sample = exchanges(toxicity < 1f ? SAMPLE : 1);
        Timed shown = null;
        int k = 0;
        long firstAffectedUs = Long.MAX_VALUE;
        for (Timed t : sample) {
            if (affected(baseline, t.result())) {
                k++;
                if (t.endUs() < firstAffectedUs) {
                    firstAffectedUs = t.endUs();
                    shown = t;
                }
            }
        }
        Binomial.Interval ci = Binomial.clopperPearson(k, sample.size(), Binomial.CONFIDENCE);
        boolean verified = present && k > 0 && (toxicity >= 1f ? k == sample.size() : ci.contains(toxicity));
        StreamProbe.Result representative = shown != null ? shown.result() : sample.get(0).result();
        probe.put("connections", sample.size()).put("affected", k);
        if (toxicity < 1f) {
            probe.put("share", ci.share()).put("ci_low", ci.low()).put("ci_high", ci.high()).put("confidence", ci.confidence());
        }
        figures(probe, baseline, representative);
        long effect = verified ? firstAffectedUs : ctx.nowUs();
        String seen = toxicity < 1f
                ? String.format(Locale.ROOT, "%d of %d probe connections affected (%.0f%%, %.0f%% CI %.2f-%.2f, asked %.2f)", k,
                        sample.size(), ci.share() * 100, ci.confidence() * 100, ci.low(), ci.high(), toxicity)
                : (k == 1 ? "probe affected" : "probe NOT affected");
        return Verification.of(verified, effect, settings + "; " + seen + "; measured " + figuresText(probe) + "; before: "
                + baseline.describe(ctx.proxyWhere()) + "; after: " + representative.describe(ctx.proxyWhere()), probe);
    }

    @Override
    public Verification heal() throws Exception {
        Proxy proxy = ctx.runtime().toxiproxy().proxy(ctx.endpoint().id());
        proxy.toxics().get(toxicName()).remove();
        boolean gone = proxy.toxics().getAll().stream().noneMatch(t -> t.getName().equals(toxicName()));
        ObjectNode probe = JsonNodeFactory.instance.objectNode();
        if (ctx.backendTlsMode() != null || unobservable() != null || baseline == null) {
            // the inject could not measure either: the probe can say only that the path answers again
            Probe.Result answer = ctx.probeViaProxy(FaultContext.PROBE_TIMEOUT_MS * 2);
            return Verification.of(false, ctx.nowUs(), toxicName() + (gone ? " removed" : " still listed") + "; not measurable: "
                    + answer.describe(ctx.proxyWhere()), probe);
        }
        int n = Binomial.trialsToRuleOut(toxicity, SAMPLE);
        List<Timed> sample = exchanges(n);
        int normal = 0;
        long last = 0;
        StreamProbe.Result worst = sample.get(0).result();
        for (Timed t : sample) {
            boolean ok = t.result().outcome() == Probe.Outcome.ANSWERED && t.result().complete() && !affected(baseline, t.result());
            normal += ok ? 1 : 0;
            if (!ok) {
                worst = t.result();
            }
            last = Math.max(last, t.endUs());
        }
        boolean verified = gone && normal == n;
        probe.put("connections", n).put("normal", normal);
        figures(probe, baseline, worst);
        return Verification.of(verified, verified ? last : ctx.nowUs(), toxicName() + (gone ? " removed" : " STILL LISTED")
                + String.format(Locale.ROOT, "; %d of %d probe connections normal (enough to rule out toxicity %.2f at %.0f%%)",
                normal, n, toxicity, Binomial.CONFIDENCE * 100) + "; measured " + figuresText(probe) + "; "
                + worst.describe(ctx.proxyWhere()), probe);
    }

    private static String figuresText(ObjectNode probe) {
        StringBuilder out = new StringBuilder();
        probe.fields().forEachRemaining(f -> {
            if (f.getValue().isNumber() && !List.of("asked_toxicity", "connections", "affected", "normal", "share", "ci_low",
                    "ci_high", "confidence").contains(f.getKey())) {
                out.append(out.length() == 0 ? "" : ", ").append(f.getKey()).append('=')
                        .append(f.getValue().isIntegralNumber() ? f.getValue().asText()
                                : String.format(Locale.ROOT, "%.1f", f.getValue().asDouble()));
            }
        });
        return out.toString();
    }

    static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
