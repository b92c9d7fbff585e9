package dev.gauntlet.report;

import dev.gauntlet.report.run.CheckResult;
import dev.gauntlet.report.run.EndpointInfo;
import dev.gauntlet.report.run.FaultResult;
import dev.gauntlet.report.run.JsonlWriter;
import dev.gauntlet.report.run.Metrics;
import dev.gauntlet.report.run.PhaseMetrics;
import dev.gauntlet.report.run.RequestRecord;
import dev.gauntlet.report.run.Result;
import dev.gauntlet.report.run.RunDirectory;
import dev.gauntlet.report.run.RunManifest;
import dev.gauntlet.report.run.TimelineEvent;
import dev.gauntlet.report.run.ViewEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small literal run, written with the model's own writers: three endpoints, 60 s of load at 10/s,
 * api-0 crashed 15–35 s, and a false ejection of api-1 and api-2 at 20–22 s that makes the view NHU.
 *
 * <pre>{@code
 * RunDirectory dir = RunFixture.write(tmp, RunFixture.manifest(true, false), RunFixture.timeline(),
 *         RunFixture.view(), RunFixture.requests(), RunFixture.result());
 * }</pre>
 */
public final class RunFixture {

    /** Load start: time zero of every chart. */
    public static final long T0 = 1_800_000_000_000_000L;
    public static final List<String> ENDPOINTS = List.of("api-0", "api-1", "api-2");
    public static final String CLUSTER = "api";

    private RunFixture() {
    }

    /** Epoch microseconds {@code seconds} after load start. */
    public static long at(double seconds) {
        return T0 + Math.round(seconds * 1e6);
    }

    public static RunManifest manifest(boolean viewObserved, boolean aborted) {
        long end = aborted ? 0 : at(60);
        Map<String, String> expect = new LinkedHashMap<>();
        expect.put("avoidable_nhu", "0s");
        expect.put("detection_time", "<= bound");
        expect.put("availability", ">= 99.0%");
        expect.put("phase.fault.p99_latency", "<= 250ms");
        List<EndpointInfo> eps = new ArrayList<>();
        for (int i = 0; i < ENDPOINTS.size(); i++) {
            eps.add(new EndpointInfo(ENDPOINTS.get(i), "api", i, "127.0.0.1:4100" + i, "127.0.0.1:2100" + i));
        }
        return new RunManifest("20261126-101500-one-of-three-crashes", "one-of-three-crashes",
                "One backend crashes and comes back. No NHU is acceptable.", T0, end, aborted,
                viewObserved ? "builtin" : "nginx", viewObserved, CLUSTER, eps, 10.0, expect);
    }

    public static List<TimelineEvent> timeline() {
        return List.of(
                new TimelineEvent(at(15), at(14.99), TimelineEvent.INJECT, "f0", "crash", "api-0",
                        TimelineEvent.DOWN, "fast_fail", true, "connect refused in 0.4 ms"),
                new TimelineEvent(at(35), at(34.9), TimelineEvent.HEAL, "f0", "restart", "api-0",
                        TimelineEvent.UP, "fast_fail", true, "health answered 200 in 3 ms"));
    }

    /** Snapshot before load start; api-0 detected at 17 s, back at 38 s; api-1 and api-2 out 20–22 s. */
    public static List<ViewEvent> view() {
        List<ViewEvent> v = new ArrayList<>();
        for (String id : ENDPOINTS) {
            v.add(new ViewEvent(at(-1), CLUSTER, id, "healthy", true, List.of(), "snapshot"));
        }
        v.add(new ViewEvent(at(17), CLUSTER, "api-0", "unhealthy", false, List.of("failed_active_hc"), "active_hc_failed"));
        v.add(new ViewEvent(at(20), CLUSTER, "api-1", "ejected", false, List.of("ejected"), "consecutive_5xx"));
        v.add(new ViewEvent(at(20), CLUSTER, "api-2", "ejected", false, List.of("ejected"), "consecutive_5xx"));
        v.add(new ViewEvent(at(22), CLUSTER, "api-1", "healthy", true, List.of(), "ejection_expired"));
        v.add(new ViewEvent(at(22), CLUSTER, "api-2", "healthy", true, List.of(), "ejection_expired"));
        v.add(new ViewEvent(at(38), CLUSTER, "api-0", "healthy", true, List.of(), "active_hc_passed"));
        return v;
    }

    /** 10 requests a second for 60 s: UH during the NHU, some UF and timeouts while api-0 is undetected. */
    public static List<RequestRecord> requests() {
        List<RequestRecord> out = new ArrayList<>();
        for (int s = 0; s < 60; s++) {
            for (int k = 0; k < 10; k++) {
                long start = at(s + k / 10.0);
                String backend = ENDPOINTS.get(k % 3);
                if (s >= 20 && s < 22) {
                    out.add(new RequestRecord(start, start + 800, 503, null, "UH", null));
                } else if (s >= 15 && s < 17 && k == 0) {
                    out.add(new RequestRecord(start, start + 1_000_000, 0, null, null, "timeout"));
                } else if (s >= 15 && s < 17 && k == 3) {
                    out.add(new RequestRecord(start, start + 2_000, 503, null, "UF,URX", null));
                } else {
                    out.add(new RequestRecord(start, start + 5_000 + k * 100, 200, backend, null, null));
                }
            }
        }
        return out;
    }

    public static Result result() {
        Map<String, PhaseMetrics> phases = new LinkedHashMap<>();
        phases.put("baseline", new PhaseMetrics(0, 15_000, 150, 1.0, 5.2, 5.8, 5.9, 5.9, 0.0, 0.0, Map.of("ok", 150L)));
        phases.put("fault", new PhaseMetrics(15_000, 35_000, 200, 0.88, 5.3, 5.9, 1000.0, 1000.0, 2000.0, 0.0,
                Map.of("ok", 176L, "UH", 20L, "URX", 2L, "client_timeout", 2L)));
        phases.put("recovery", new PhaseMetrics(35_000, 60_000, 250, 1.0, 5.2, 5.8, 5.9, 5.9, 0.0, 0.0, Map.of("ok", 250L)));
        Metrics metrics = new Metrics(2000.0, 0.0, 0.96, 5.2, 5.8, 6.0, 1000.0, 600, 10.0, 10.0,
                Map.of("ok", 576L, "UH", 20L, "URX", 2L, "client_timeout", 2L), phases);
        return new Result("one-of-three-crashes", "20261126-101500-one-of-three-crashes", Result.FAIL, 72.5,
                "100 − 10 × avoidable NHU s − 5 × detections outside bound − (100 − availability %)",
                checks(), metrics, List.of(fault()));
    }

    public static List<CheckResult> checks() {
        return List.of(
                new CheckResult("avoidable_nhu", Result.FAIL, "2000 ms", "0s", "view NHU 20–22 s while api-1, api-2 were up"),
                new CheckResult("detection_time", Result.PASS, "2000 ms", "<= bound", null),
                new CheckResult("availability", Result.UNKNOWN, null, ">= 99.0%", "no view was observed"),
                new CheckResult("phase.fault.p99_latency", Result.FAIL, "1000 ms", "<= 250ms", "two client timeouts of 1 s"));
    }

    public static FaultResult fault() {
        return new FaultResult("f0", "crash", "api-0", 15_000, 35_000L, true, "connect refused in 0.4 ms",
                "fast_fail", 2000.0, 3000.0, List.of(2000.0, 3000.0), true, List.of(1000.0, 2000.0), false);
    }

    /** Same result with every metric unknown. */
    public static Result resultWithNullMetrics() {
        Result r = result();
        return new Result(r.scenario(), r.runId(), Result.UNKNOWN, null, null, r.checks(), null, r.faults());
    }

    /** Writes a run directory; {@code result} null leaves {@code result.json} out, empty lists leave files out. */
    public static RunDirectory write(Path root, RunManifest manifest, List<TimelineEvent> timeline, List<ViewEvent> view,
                                     List<RequestRecord> requests, Result result) {
        RunDirectory dir = new RunDirectory(root);
        dir.writeManifest(manifest);
        lines(dir, RunDirectory.TIMELINE, timeline);
        lines(dir, RunDirectory.VIEW, view);
        lines(dir, RunDirectory.REQUESTS, requests);
        if (result != null) {
            dir.writeResult(result);
        }
        return dir;
    }

    /** The whole standard run: view observed, scored. */
    public static RunDirectory standard(Path root) {
        return write(root, manifest(true, false), timeline(), view(), requests(), result());
    }

    private static void lines(RunDirectory dir, String name, List<?> records) {
        if (records.isEmpty()) {
            return;
        }
        try (JsonlWriter w = new JsonlWriter(dir.file(name), 100)) {
            records.forEach(w::write);
        }
    }
}
