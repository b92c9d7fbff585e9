package dev.gauntlet.harness.score;

import dev.gauntlet.report.run.TimelineEvent;

/**
 * One fault from the timeline: its inject and, if it was healed while the run lasted, its heal.
 *
 * <p>A heal recorded after the run's end (the clean-up heal of an aborted run) does not count:
 * the fault lasted to the end.
 */
record FaultSpan(TimelineEvent inject, TimelineEvent heal) {

    boolean healed() {
        return heal != null;
    }

    /** Only faults the gateway's active health checks can notice have a detection bound. */
    boolean detectable() {
        return "fast_fail".equals(inject.detection()) || "timeout".equals(inject.detection());
    }
}
