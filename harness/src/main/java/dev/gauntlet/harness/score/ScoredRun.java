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

    /** False ejections that began inside {@code [fromUs, toUs)}; null when unknown ({@link #falseEjectionUnknown}). */
    Long falseEjectionCount(long fromUs, long toUs) {
        return falseEjectionUnknown(fromUs, toUs) != null ? null
                : falseEjections.stream().filter(s -> s.startUs() >= fromUs && s.startUs() < toUs).count();
    }

    /** Falsely-ejected endpoint-time inside {@code [fromUs, toUs)}, in ms; null when unknown. */
    Double falseEjectionMs(long fromUs, long toUs) {
        return falseEjectionUnknown(fromUs, toUs) != null ? null
                : falseEjections.stream().mapToLong(s -> s.overlapUs(fromUs, toUs)).sum() / 1000.0;
    }

    /**
     * Why false ejections in {@code [fromUs, toUs)} are unknown: no view; the view was lost there (a gap); or an
     * ejection began while its endpoint's truth was unknown (an unverified action). Null when they are known.
     */
    String falseEjectionUnknown(long fromUs, long toUs) {
        if (falseEjections == null) {
            return nhuReason;
        }
        String lost = facts.gaps().overlapping(fromUs, toUs - 1, facts.startUs());
        if (lost != null) {
            return "false ejections unknown: " + lost;
        }
        // any ejection that began while its endpoint's truth was unknown: false or deserved cannot be told
        for (dev.gauntlet.report.run.ViewEvent e : facts.viewEvents()) {
            if (!e.usable() && !FalseEjections.ABSENT.equals(e.state()) && e.tUs() >= fromUs && e.tUs() < toUs) {
                RunFacts.UnknownTruth u = facts.unknownTruthOverlapping(e.endpoint(), e.tUs(), e.tUs() + 1);
                if (u != null) {
                    return "false ejections unknown: " + e.endpoint() + " was ejected while its truth was unknown: "
                            + u.reason();
                }
            }
        }
        return null;
    }

    /**
     * Why NHU time in {@code [fromUs, toUs)} is unknown: no view; the view was lost there; or the view was NHU while
     * some endpoint's truth was unknown (avoidable or not cannot be told). Null when it is known.
     */
    String nhuUnknown(long fromUs, long toUs) {
        if (nhu == null) {
            return nhuReason;
        }
        String lost = facts.gaps().overlapping(fromUs, toUs - 1, facts.startUs());
        if (lost != null) {
            return "NHU time unknown: " + lost;
        }
        for (NhuTimeline.Segment seg : nhu.segments()) {
            long from = Math.max(fromUs, seg.fromUs());
            long to = Math.min(toUs, seg.toUs());
            if (from < to) {
                RunFacts.UnknownTruth u = facts.unknownTruthOverlapping(null, from, to);
                if (u != null) {
                    return "NHU time unknown: the view was NHU while truth was unknown: " + u.reason();
                }
            }
        }
        return null;
    }

    /** Avoidable NHU in {@code [fromUs, toUs)}, ms; null when unknown. */
    Double avoidableNhuMs(long fromUs, long toUs) {
        return nhuUnknown(fromUs, toUs) != null ? null : nhu.avoidableMs(fromUs, toUs);
    }

    /** Unavoidable NHU in {@code [fromUs, toUs)}, ms; null when unknown. */
    Double unavoidableNhuMs(long fromUs, long toUs) {
        return nhuUnknown(fromUs, toUs) != null ? null : nhu.unavoidableMs(fromUs, toUs);
    }
}
