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
    record Bound(Mechanism mechanism, Double lowMs, Double highMs, String derivation, String reason, boolean anchored) {

        /** A bound on the time after the effect, which itself lies somewhere in the inject's bracket. */
        public Bound(Mechanism mechanism, Double lowMs, Double highMs, String derivation, String reason) {
            this(mechanism, lowMs, highMs, derivation, reason, false);
        }

        /**
         * A bound already anchored to the inject's bracket: low counted from the action's start ({@code requested_us}),
         * high from the verified effect ({@code t_us}), as a bound read off the recorded requests is. The judge then
         * compares the stamp with [requested + low, verified + high] instead of widening by the bracket a second time.
         */
        public static Bound anchored(Mechanism mechanism, double lowMs, double highMs, String derivation) {
            return new Bound(mechanism, lowMs, highMs, derivation, null, true);
        }

        public boolean known() {
            return lowMs != null && highMs != null;
        }
    }

    /**
     * What the run itself tells the model besides the config: the load and balancer facts that a passive
     * bound needs.
     *
     * <pre>{@code
     * RunContext ctx = new RunContext(200, 3, new Arrivals(List.of(new Arrival(1_000, 1_900, true)),
     *         900, 950, 5_000_000));
     * }</pre>
     *
     * @param requestRatePerSec the offered client rate to the cluster
     * @param usableEndpoints   endpoints usable in the view at the fault
     * @param arrivals          the requests the run recorded around the fault; null when not known (then a model
     *                          may fall back to the rate)
     */
    record RunContext(double requestRatePerSec, int usableEndpoints, Arrivals arrivals) {
        /** Rate and endpoints only, as before arrivals were recorded. */
        public RunContext(double requestRatePerSec, int usableEndpoints) {
            this(requestRatePerSec, usableEndpoints, null);
        }
    }

    /**
     * One client request as recorded ({@code requests.jsonl}), in the run's time base (µs).
     *
     * @param answered true when the gateway answered it (an HTTP status); false when the client gave up or lost the
     *                 connection first, so the gateway's verdict on its try is not bounded by {@code endUs}
     */
    record Arrival(long startUs, long endUs, boolean answered) {
    }

    /**
     * The requests around one fault: every recorded request that ended at or after {@code effectFromUs}, sorted by
     * start, and the fault's bracket.
     *
     * @param effectFromUs when the fault's action began (inject {@code requested_us}): the earliest the effect
     * @param effectByUs   when the effect was verified (inject {@code t_us}): the latest the effect
     * @param untilUs      when watching ends: the heal's {@code requested_us}, else the run's end
     */
    record Arrivals(List<Arrival> requests, long effectFromUs, long effectByUs, long untilUs) {
        public Arrivals {
            requests = List.copyOf(requests);
        }
    }

    /** Detection bounds, one per mechanism that could notice a fault noticed as {@code noticed}. */
    List<Bound> detection(JsonNode effectiveConfig, String cluster, Noticed noticed, RunContext run);

    /** Recovery bounds (from the heal until the view marks the endpoint usable again). */
    List<Bound> recovery(JsonNode effectiveConfig, String cluster, RunContext run);
}
