package dev.gauntlet.harness.score;

import java.util.Map;
import java.util.List;

/**
 * A run's facts with the measurements derived from them, ready for the checks and the score.
 *
 * @param nhu        the cluster's NHU stretches; null when unknown, {@code nhuReason} says why
 * @param overall    client statistics of every request; null when requests.jsonl was unreadable
 * @param phaseStats client statistics by phase name, requests assigned by their start
 * @param falseEjections every false ejection of the run (truth up, view unusable); null without a view
 * @param retry        retry amplification from gateway-metrics.prom, or why it is unknown
 * @param fullCapacity time to full capacity after the last heal, or why it is unknown
 */
record ScoredRun(RunFacts facts, NhuTimeline nhu, String nhuReason, ClientStats overall,
                 Map<String, ClientStats> phaseStats, List<FaultOutcome> faults,
                 List<FalseEjections.Stretch> falseEjections, RetryAmplification retry, FullCapacity fullCapacity) {

    /** False ejections that began inside {@code [fromUs, toUs)}; null without a view. */
    Long falseEjectionCount(long fromUs, long toUs) {
        return falseEjections == null ? null
                : falseEjections.stream().filter(s -> s.startUs() >= fromUs && s.startUs() < toUs).count();
    }

    /** Falsely-ejected endpoint-time inside {@code [fromUs, toUs)}, in ms; null without a view. */
    Double falseEjectionMs(long fromUs, long toUs) {
        return falseEjections == null ? null
                : falseEjections.stream().mapToLong(s -> s.overlapUs(fromUs, toUs)).sum() / 1000.0;
    }
}
