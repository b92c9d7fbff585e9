package dev.gauntlet.harness.kind;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A gateway kind's documented health-check scheduling, as bounds on detection and recovery times. Each
 * mechanism that can make an endpoint unusable (active checks, passive outlier detection, ...) gets its own
 * bound, so a fault is checked against the bound of the mechanism that actually fired. The source of the
 * model (a documentation section or a source file) is cited in the implementing class and in SCORING.md.
 */
public interface DetectionModel {

    /** What made an endpoint unusable; the view event's {@code mechanism}. */
    enum Mechanism {
        ACTIVE_CHECK, OUTLIER_EJECTION, DNS_REMOVAL, CONFIG, PANIC, UNKNOWN;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** How a fault can be noticed (timeline {@code detection}). */
    enum Noticed {
        FAST_FAIL, TIMEOUT, NONE;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A predicted range for one mechanism, or why there is none.
     *
     * @param lowMs      earliest, ms after the effect (null when unknown)
     * @param highMs     latest (null when unknown)
     * @param derivation how it was computed, with this run's figures, for the report
     * @param reason     why there is no bound (null when there is one)
     */
    record Bound(Mechanism mechanism, Double lowMs, Double highMs, String derivation, String reason) {
        public boolean known() {
            return lowMs != null && highMs != null;
        }
    }

    /**
     * What the run itself tells the model besides the config: the load and balancer facts that a passive
     * bound needs.
     *
     * @param requestRatePerSec the offered client rate to the cluster
     * @param usableEndpoints   endpoints usable in the view at the fault
     */
    record RunContext(double requestRatePerSec, int usableEndpoints) {
    }

    /** Detection bounds, one per mechanism that could notice a fault noticed as {@code noticed}. */
    List<Bound> detection(JsonNode effectiveConfig, String cluster, Noticed noticed, RunContext run);

    /** Recovery bounds (from the heal until the view marks the endpoint usable again). */
    List<Bound> recovery(JsonNode effectiveConfig, String cluster, RunContext run);
}
