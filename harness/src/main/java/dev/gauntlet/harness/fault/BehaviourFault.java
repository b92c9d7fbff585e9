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

    /**
     * @param probe  the measured figures ({@code timeline.jsonl} {@code probe}), or null
     * @param seenUs when the observation that showed the effect ended; 0: when verification ended
     */
    record Verdict(boolean ok, String seen, ObjectNode probe, long seenUs) {
        Verdict(boolean ok, String seen) {
            this(ok, seen, null, 0);
        }
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
        Verdict v = verifyEffect();
        long effect = v.seenUs() > 0 ? v.seenUs() : ctx.nowUs(); // stamped when the observation that showed it ended
        return Verification.of(v.ok(), effect, "behaviour " + patch + "; " + v.seen(), v.probe());
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
        Verdict v = verifyHealed();
        long effect = v.seenUs() > 0 ? v.seenUs() : ctx.nowUs();
        return Verification.of(v.ok(), effect, "behaviour restored " + saved + "; " + v.seen(), v.probe());
    }

    /** The patch that put back what the inject replaced (null before the inject). */
    ObjectNode saved() {
        return saved;
    }

    /**
     * After the restoring patch: whether the effect is gone, as observed. By default the backend answers its
     * health path again (over TLS when it serves TLS); a fault whose effect is measurable measures it again.
     */
    Verdict verifyHealed() throws Exception {
        Probe.Result probe = Probe.http(ctx.endpoint().host(), ctx.endpoint().backendPort(), ctx.probePath(), 2_000,
                ctx.backendTlsMode() != null);
        return new Verdict(probe.outcome() == Probe.Outcome.ANSWERED, probe.describe(ctx.backendWhere()), ProbeFigures.of(probe), 0);
    }

    /** {@code n} data-path requests straight at the backend, {@code parallel} at a time (see {@link DataSample}). */
    DataSample sample(int n, int parallel, String path, int timeoutMs) throws Exception {
        return DataSample.take(ctx, n, parallel, path, timeoutMs);
    }
}
