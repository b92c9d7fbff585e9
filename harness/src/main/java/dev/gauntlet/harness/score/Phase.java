package dev.gauntlet.harness.score;

/**
 * One phase of a run, {@code [fromUs, toUs)} in epoch microseconds.
 *
 * @param name baseline | fault | recovery
 */
record Phase(String name, long fromUs, long toUs) {

    static final String BASELINE = "baseline";
    static final String FAULT = "fault";
    static final String RECOVERY = "recovery";

    long lengthUs() {
        return Math.max(0, toUs - fromUs);
    }
}
