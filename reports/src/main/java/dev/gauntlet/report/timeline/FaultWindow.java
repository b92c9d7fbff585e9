package dev.gauntlet.report.timeline;

/**
 * The span during which one fault was in effect: from its {@code inject} to its {@code heal}
 * (or the end of the window when it was never healed), as {@code timeline.jsonl} recorded it.
 *
 * <pre>{@code
 * for (FaultWindow w : TruthTimeline.of(dir.timeline(), ids, start, end).faultWindows()) {
 *     plot.addDomainMarker(new IntervalMarker(w.interval().startSeconds(start), w.interval().endSeconds(start)));
 * }
 * }</pre>
 *
 * @param faultId  the id pairing inject and heal ({@code f0})
 * @param action   the inject's action ({@code crash})
 * @param target   the endpoint it hit ({@code api-0})
 * @param interval when it was in effect, clipped to the timeline's window; its state is the action
 * @param healed   false when no heal was recorded inside the window (the fault lasted to the end)
 */
public record FaultWindow(String faultId, String action, String target, Interval interval, boolean healed) {

    /** A short label for charts: {@code "f0 crash api-0"}. */
    public String label() {
        StringBuilder sb = new StringBuilder();
        for (String part : new String[] {faultId, action, target}) {
            if (part != null && !part.isBlank()) {
                sb.append(sb.length() == 0 ? "" : " ").append(part);
            }
        }
        return sb.toString();
    }
}
