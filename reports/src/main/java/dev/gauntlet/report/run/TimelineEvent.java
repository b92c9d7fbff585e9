package dev.gauntlet.report.run;

/**
 * One line of {@code timeline.jsonl}: a fault operation and the truth it established.
 *
 * <p>Faults are operations in the same history as the load (Jepsen): {@code inject} starts fault
 * {@code faultId}, {@code heal} ends it. {@code tUs} is when the effect was verified (or, if it could
 * not be, when the injection returned); {@code requestedUs} is when the harness started acting.
 *
 * @param tUs          epoch microseconds when the effect took place
 * @param requestedUs  epoch microseconds when the harness began the operation
 * @param op           {@code inject} | {@code heal}
 * @param faultId      pairs an inject with its heal ({@code f0})
 * @param action       snake_case fault id: crash, restart, hang, resume, latency, blackhole, refuse, ...
 * @param target       endpoint id the fault hit ({@code api-0})
 * @param truth        the endpoint's state from now on: {@code down} | {@code degraded} | {@code up}
 * @param detection    how the gateway can notice it: {@code fast_fail} (refused/reset at once),
 *                     {@code timeout} (no answer: checks time out), {@code none} (not a health failure)
 * @param verified     whether an independent probe confirmed the effect
 * @param verification what the probe saw, in words with figures ({@code "connect refused in 0.4 ms"})
 * @param probe        the probe's measured figures as an object (e.g. {@code {"throughput_kbps":19.6,
 *                     "asked_kbps":20}}), or null when the fault records none (older runs: absent)
 */
public record TimelineEvent(
        long tUs,
        long requestedUs,
        String op,
        String faultId,
        String action,
        String target,
        String truth,
        String detection,
        boolean verified,
        String verification,
        com.fasterxml.jackson.databind.JsonNode probe) {

    /** An event without measured figures. */
    public TimelineEvent(long tUs, long requestedUs, String op, String faultId, String action, String target,
                         String truth, String detection, boolean verified, String verification) {
        this(tUs, requestedUs, op, faultId, action, target, truth, detection, verified, verification, null);
    }

    public static final String INJECT = "inject";
    public static final String HEAL = "heal";
    public static final String DOWN = "down";
    public static final String DEGRADED = "degraded";
    public static final String UP = "up";
}
