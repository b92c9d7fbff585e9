package dev.gauntlet.harness.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;

/**
 * {@code behaviour}: any patch of the fake backend's behaviour document ({@code patch: {...}}),
 * for what the named actions do not cover (warm-up on demand, connection faults, flapping health).
 * Verified by reading the behaviour back: every patched value must now be in effect.
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

    @Override
    Verdict verifyEffect() throws Exception {
        JsonNode now = control().behaviour();
        for (Iterator<String> it = patch.fieldNames(); it.hasNext(); ) {
            String section = it.next();
            if (!JsonMatch.contains(now.get(section), patch.get(section))) {
                return new Verdict(false, "backend reports " + section + "=" + now.get(section));
            }
        }
        return new Verdict(true, "backend reports the patch in effect");
    }
}
