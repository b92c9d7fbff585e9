package dev.gauntlet.harness.score;

import java.util.Map;
import java.util.List;

/**
 * A run's facts with the measurements derived from them, ready for the checks and the score.
 *
 * @param nhu        the cluster's NHU stretches; null when unknown, {@code nhuReason} says why
 * @param overall    client statistics of every request; null when requests.jsonl was unreadable
 * @param phaseStats client statistics by phase name, requests assigned by their start
 */
record ScoredRun(RunFacts facts, NhuTimeline nhu, String nhuReason, ClientStats overall,
                 Map<String, ClientStats> phaseStats, List<FaultOutcome> faults) {
}
