package dev.gauntlet.report.compare;

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
 * One side of a comparison: a run directory read once, with the timelines its charts need. A missing or
 * unreadable {@code result.json} leaves {@code result} null (its metrics are shown as unknown), never an error.
 *
 * @param label   "A" or "B" with the run id
 * @param endUs   the manifest's end, stretched to the last request sent (a run that died has no end)
 * @param view    the gateway's view, or null when none was observed
 */
record RunSide(String label, RunDirectory dir, RunManifest manifest, Result result, String resultProblem, long endUs,
               List<String> endpoints, TruthTimeline truth, ViewTimeline view, List<RequestRecord> requests) {

    static RunSide load(String letter, RunDirectory dir) {
        RunManifest m = dir.manifest();
        List<TimelineEvent> timeline = dir.timeline();
        List<RequestRecord> requests = dir.requests();
        Result result = null;
        String problem = null;
        if (!Files.exists(dir.file(RunDirectory.RESULT))) {
            problem = "result.json is missing";
        } else {
            try {
                result = dir.result();
            } catch (RuntimeException e) {
                problem = "result.json unreadable: " + e.getMessage();
            }
        }
        long end = m.endUs() > m.startUs() ? m.endUs() : m.startUs();
        for (RequestRecord r : requests) {
            end = Math.max(end, r.startUs());
        }
        if (end <= m.startUs()) {
            end = m.startUs() + 1_000_000L;
        }
        List<String> ids = new ArrayList<>(m.endpoints().stream().map(EndpointInfo::id).toList());
        TruthTimeline truth = TruthTimeline.of(timeline, ids, m.startUs(), end);
        ViewTimeline view = m.viewObserved() ? ViewTimeline.of(dir.view(), m.cluster(), m.startUs(), end) : null;
        Set<String> rows = new LinkedHashSet<>(ids);
        rows.addAll(truth.endpoints());
        if (view != null) {
            rows.addAll(view.endpoints());
        }
        return new RunSide(letter + " · " + m.runId(), dir, m, result, problem, end, List.copyOf(rows), truth, view,
                requests);
    }

    double durationSeconds() {
        return (endUs - manifest.startUs()) / 1e6;
    }

    PerSecond perSecond(int seconds) {
        return PerSecond.of(requests, manifest.startUs(), seconds);
    }
}
