package dev.gauntlet.harness.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;

/**
 * {@code behaviour}: any patch of the fake backend's behaviour document ({@code patch: {...}}),
 * for what the named actions do not cover (warm-up on demand, connection faults, flapping health).
 * Verified by reading the behaviour back (every patched value in effect) and by observing each patched
 * section through real requests ({@link BehaviourObservation}).
 */
final class BehaviourPatchFault extends BehaviourFault {

    private final ObjectNode patch;
    private final String truth;

    BehaviourPatchFault(FaultContext ctx, FaultParams p) {
        super(ctx);
        this.patch = p.object("patch");
        this.truth = p.text("truth");
    }

    @Override
    public String truth() {
        return truth;
    }

    @Override
    public String detection() {
        return "none";
    }

    @Override
    ObjectNode patch() {
        return patch.deepCopy();
    }

    /** A patch that makes the JVM die of its balloon: timed from the death /proc sees, healed by a restart. */
    private boolean endsInDeath() {
        return patch.path("memoryBalloon").path("untilOom").asBoolean(false);
    }

    @Override
    public Verification inject() throws Exception {
        if (!endsInDeath()) {
            return super.inject();
        }
        dev.gauntlet.harness.runtime.Backend backend = ctx.runtime().backend(ctx.endpoint().id());
        long pid = backend.pid();
        long rss = pid > 0 ? ProcStats.rssKiB(pid) : -1;
        control().patch(patch);
        return MemoryBalloonFault.awaitOom(ctx, backend, pid, ctx.nowUs(), rss, "behaviour " + patch);
    }

    @Override
    public Verification heal() throws Exception {
        return endsInDeath() ? MemoryBalloonFault.restartAfterOom(ctx) : super.heal();
    }

    /**
     * The read-back must hold every patched value (what the backend says), and each patched section must be
     * seen to do so on the wire ({@link BehaviourObservation}); a section no request can show leaves it unverified.
     */
    @Override
    Verdict verifyEffect() throws Exception {
        JsonNode now = control().behaviour();
        for (Iterator<String> it = patch.fieldNames(); it.hasNext(); ) {
            String section = it.next();
            if (!JsonMatch.contains(now.get(section), patch.get(section))) {
                return new Verdict(false, "backend reports " + section + "=" + now.get(section));
            }
        }
        return verdict(BehaviourObservation.observe(ctx, patch, now, null));
    }

    /** The restored sections observed the same way, and the patched effect seen gone. */
    @Override
    Verdict verifyHealed() throws Exception {
        return verdict(BehaviourObservation.observe(ctx, patch, control().behaviour(), patch));
    }

    private Verdict verdict(java.util.List<BehaviourObservation.Check> checks) {
        boolean ok = checks.stream().allMatch(BehaviourObservation.Check::ok);
        return new Verdict(ok, String.join("; ", checks.stream().map(BehaviourObservation.Check::seen).toList()),
                BehaviourObservation.figures(checks), 0);
    }
}
