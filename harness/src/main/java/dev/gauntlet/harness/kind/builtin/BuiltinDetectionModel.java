package dev.gauntlet.harness.kind.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.harness.kind.DetectionModel;
import dev.gauntlet.harness.score.ActiveCheckBounds;
import java.util.List;

/**
 * Our gateway's detection model: the active-check bounds of docs/CONTRACTS.md (see harness/SCORING.md).
 * Minimal stand-in (active checks only) until h13-score's model with passive bounds lands here.
 *
 * <pre>{@code new BuiltinDetectionModel().detection(config, "api", Noticed.FAST_FAIL, new RunContext(50, 3))}</pre>
 */
public final class BuiltinDetectionModel implements DetectionModel {

    @Override
    public List<Bound> detection(JsonNode effectiveConfig, String cluster, Noticed noticed, RunContext run) {
        List<Double> b = ActiveCheckBounds.detection(effectiveConfig, cluster, noticed.id());
        return List.of(bound(b, effectiveConfig, cluster, "active check, noticed as " + noticed.id()));
    }

    @Override
    public List<Bound> recovery(JsonNode effectiveConfig, String cluster, RunContext run) {
        return List.of(bound(ActiveCheckBounds.recovery(effectiveConfig, cluster), effectiveConfig, cluster,
                "active check recovery"));
    }

    private static Bound bound(List<Double> b, JsonNode config, String cluster, String what) {
        if (b == null) {
            String why = ActiveCheckBounds.reason(config, cluster);
            return new Bound(Mechanism.ACTIVE_CHECK, null, null, what, why == null ? "no bound for this kind of noticing" : why);
        }
        return new Bound(Mechanism.ACTIVE_CHECK, b.get(0), b.get(1), what + " (docs/CONTRACTS.md scheduling)", null);
    }
}
