package dev.gauntlet.harness.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.harness.runtime.BackendControl;
import java.util.Iterator;

/**
 * The shared half of every fault made through the fake backend's control API: remember the
 * sections it will change, PUT the patch, verify, and on heal PUT the remembered sections back.
 * A subclass says what to patch and how an independent probe recognises the effect.
 */
abstract class BehaviourFault implements Fault {

    protected final FaultContext ctx;
    private ObjectNode saved;
    private final String truth;
    private final String detection;

    /** The classes whose truth depends on their parameters override {@link #truth()}/{@link #detection()}. */
    BehaviourFault(FaultContext ctx) {
        this(ctx, "degraded", "none");
    }

    BehaviourFault(FaultContext ctx, String truth, String detection) {
        this.ctx = ctx;
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

    abstract ObjectNode patch();

    /** Checks the effect after the patch; returns whether it shows and what was seen. */
    abstract Verdict verifyEffect() throws Exception;

    record Verdict(boolean ok, String seen) {
    }

    BackendControl control() {
        return new BackendControl(ctx.endpoint().host(), ctx.endpoint().controlPort());
    }

    @Override
    public Verification inject() throws Exception {
        BackendControl control = control();
        ObjectNode patch = patch();
        saved = restoring(patch, control.behaviour());
        control.patch(patch);
        long effect = ctx.nowUs();
        Verdict v = verifyEffect();
        return new Verification(v.ok(), effect, "behaviour " + patch + "; " + v.seen());
    }

    /**
     * The patch that undoes {@code patch}: every key it sets, with the value it had before — or
     * null (the backend's "back to default") for a key that was absent, such as {@code requireHeader}.
     */
    static ObjectNode restoring(JsonNode patch, JsonNode before) {
        ObjectNode undo = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        for (Iterator<String> it = patch.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            JsonNode old = before == null ? null : before.get(key);
            if (old == null || old.isNull()) {
                undo.putNull(key);
            } else if (patch.get(key).isObject() && old.isObject()) {
                undo.set(key, restoring(patch.get(key), old));
            } else {
                undo.set(key, old);
            }
        }
        return undo;
    }

    @Override
    public Verification heal() throws Exception {
        BackendControl control = control();
        control.patch(saved);
        long effect = ctx.nowUs();
        // a backend serving TLS (tls-* scenarios) is probed over TLS: a plain request would only be closed
        boolean tls = !"off".equals(control.behaviour().path("tls").path("mode").asText("off"));
        Probe.Result probe = Probe.http(ctx.endpoint().host(), ctx.endpoint().backendPort(), ctx.probePath(), 2_000, tls);
        return new Verification(probe.outcome() == Probe.Outcome.ANSWERED, effect,
                "behaviour restored " + saved + "; " + probe.describe(ctx.backendWhere()));
    }

    /** Data-path probes straight at the backend: {@code n} requests, how many answered {@code status}. */
    int countDataStatus(int n, int status, int timeoutMs) {
        int hits = 0;
        for (int i = 0; i < n; i++) {
            Probe.Result r = Probe.http(ctx.endpoint().host(), ctx.endpoint().backendPort(), "/", timeoutMs);
            if (r.status() == status) {
                hits++;
            }
        }
        return hits;
    }
}
