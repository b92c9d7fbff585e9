package dev.gauntlet.harness.fault;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What an independent probe saw after a fault was injected or healed: the upper end of the effect's
 * bracket, the figures measured, and, where the effect happens on its own after the action (an OOM that
 * comes seconds after the balloon's PUT), the lower end as observed.
 *
 * <pre>{@code
 * Verification v = Verification.of(true, ctx.nowUs(), "proxy refused in 0.3 ms", figures);
 * timeline.write(... v.effectUs() ... v.probe() ...);
 * }</pre>
 *
 * @param effectUs    run-time-base microseconds by which the effect was seen to hold: the end of the
 *                    first probe that showed it (or, unverified, when verification gave up)
 * @param detail      the observation with its figure, e.g. {@code "127.0.0.1:41001 refuses connections (0.3 ms)"}
 * @param probe       the measured figures as an object ({@code timeline.jsonl} {@code probe}), or null
 * @param notBeforeUs when later than the action's start, the last moment the effect was seen NOT to hold
 *                    (the bracket's lower end); 0 when the action's start is the lower end
 */
public record Verification(boolean verified, long effectUs, String detail, ObjectNode probe, long notBeforeUs) {

    public Verification(boolean verified, long effectUs, String detail) {
        this(verified, effectUs, detail, null, 0);
    }

    static Verification of(boolean verified, long effectUs, String detail, ObjectNode probe) {
        return new Verification(verified, effectUs, detail, probe, 0);
    }
}
