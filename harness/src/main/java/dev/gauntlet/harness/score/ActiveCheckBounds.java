package dev.gauntlet.harness.score;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The builtin gateway's active-check bounds ({@link HealthCheckBounds}) for code outside scoring, until the
 * builtin detection model (h13-score) replaces this bridge.
 *
 * <pre>{@code List<Double> lowHigh = ActiveCheckBounds.detection(config, "api", "fast_fail");}</pre>
 */
public final class ActiveCheckBounds {

    private ActiveCheckBounds() {
    }

    /** [low, high] ms, or null with the reason in {@link #reason}. */
    public static List<Double> detection(JsonNode config, String cluster, String noticed) {
        HealthCheckBounds.Lookup l = HealthCheckBounds.from(config, cluster);
        return l.bounds() == null ? null : l.bounds().detection(noticed);
    }

    public static List<Double> recovery(JsonNode config, String cluster) {
        HealthCheckBounds.Lookup l = HealthCheckBounds.from(config, cluster);
        return l.bounds() == null ? null : l.bounds().recovery();
    }

    /** Why there are no bounds for {@code cluster}; null when there are. */
    public static String reason(JsonNode config, String cluster) {
        return HealthCheckBounds.from(config, cluster).reason();
    }
}
