package dev.gauntlet.report.html;

import dev.gauntlet.report.run.EndpointInfo;
import dev.gauntlet.report.run.RequestRecord;
import dev.gauntlet.report.run.Result;
import dev.gauntlet.report.run.RunDirectory;
import dev.gauntlet.report.run.RunManifest;
import dev.gauntlet.report.run.TimelineEvent;
import dev.gauntlet.report.timeline.PerSecond;
import dev.gauntlet.report.timeline.TruthTimeline;
import dev.gauntlet.report.timeline.ViewTimeline;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything a report shows, read once from the run directory and derived once (timelines, per-second
 * series), so the sections and charts cannot disagree. Package-private.
 *
 * @param result        the scored result, or null when {@code result.json} is missing or unreadable
 * @param resultProblem why {@code result} is null, for the page
 * @param endUs         the window's end: the manifest's end, stretched to the last request sent
 * @param view          the view timeline, or null when the manifest says no view was observed
 */
record ReportData(
        RunDirectory dir,
        RunManifest manifest,
        List<TimelineEvent> timeline,
        List<RequestRecord> requests,
        Result result,
        String resultProblem,
        long endUs,
        List<String> endpoints,
        TruthTimeline truth,
        ViewTimeline view,
        PerSecond perSecond) {

    static ReportData load(RunDirectory dir) {
        RunManifest m = dir.manifest();
        List<TimelineEvent> timeline = dir.timeline();
        List<RequestRecord> requests = dir.requests();
        Result result = null;
        String problem = null;
        if (!Files.exists(dir.file(RunDirectory.RESULT))) {
            problem = "result.json is missing: the run was not scored";
        } else {
            try {
                result = dir.result();
            } catch (RuntimeException e) { // a half-written result must not stop the report
                problem = "result.json could not be read: " + e.getMessage();
            }
        }

        long endUs = endOf(m, timeline, requests);
        List<String> ids = new ArrayList<>(m.endpoints().stream().map(EndpointInfo::id).toList());
        TruthTimeline truth = TruthTimeline.of(timeline, ids, m.startUs(), endUs);
        ViewTimeline view = m.viewObserved() ? ViewTimeline.of(dir.view(), m.cluster(), m.startUs(), endUs) : null;

        Set<String> rows = new LinkedHashSet<>(ids);
        rows.addAll(truth.endpoints());
        if (view != null) {
            rows.addAll(view.endpoints());
        }
        int seconds = (int) Math.ceil((endUs - m.startUs()) / 1e6);
        PerSecond ps = PerSecond.of(requests, m.startUs(), seconds);
        return new ReportData(dir, m, timeline, requests, result, problem, endUs, List.copyOf(rows), truth, view, ps);
    }

    /** Seconds from load start to the window's end: the length of every chart's time axis. */
    double durationSeconds() {
        return (endUs - manifest.startUs()) / 1e6;
    }

    /**
     * The manifest's end when it has one; an aborted run may never have rewritten it, so fall back to
     * the last thing recorded. Requests sent after the end still count (they were in flight).
     */
    private static long endOf(RunManifest m, List<TimelineEvent> timeline, List<RequestRecord> requests) {
        long last = m.startUs();
        for (RequestRecord r : requests) {
            last = Math.max(last, r.startUs());
        }
        long end = m.endUs() > m.startUs() ? m.endUs() : last;
        if (m.endUs() <= m.startUs()) {
            for (TimelineEvent e : timeline) {
                end = Math.max(end, e.tUs());
            }
        }
        end = Math.max(end, last);
        return end > m.startUs() ? end : m.startUs() + 1_000_000L;
    }
}
