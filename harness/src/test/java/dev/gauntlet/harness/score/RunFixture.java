package dev.gauntlet.harness.score;

import dev.gauntlet.report.run.EndpointInfo;
import dev.gauntlet.report.run.JsonlWriter;
import dev.gauntlet.report.run.RequestRecord;
import dev.gauntlet.report.run.Result;
import dev.gauntlet.report.run.RunDirectory;
import dev.gauntlet.report.run.RunManifest;
import dev.gauntlet.report.run.TimelineEvent;
import dev.gauntlet.report.run.ViewEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A literal run directory for tests, written with the real {@link RunDirectory}/{@link JsonlWriter}.
 * Times are given in ms since the run's start ({@link #T0}); the run lasts 40 s unless told otherwise.
 */
final class RunFixture {

    static final long T0 = 1_700_000_000_000_000L;

    private final Path root;
    private final List<String> endpoints = new ArrayList<>(List.of("api-0", "api-1", "api-2"));
    private final List<TimelineEvent> timeline = new ArrayList<>();
    private final List<ViewEvent> view = new ArrayList<>();
    private final List<RequestRecord> requests = new ArrayList<>();
    private final Map<String, String> expect = new LinkedHashMap<>();
    private double endMs = 40_000;
    private boolean viewObserved = true;
    private boolean aborted;
    private String config;
    private String gatewayMetrics;

    RunFixture(Path root) {
        this.root = root;
    }

    static long us(double ms) {
        return T0 + Math.round(ms * 1000);
    }

    RunFixture endpoints(String... ids) {
        endpoints.clear();
        endpoints.addAll(List.of(ids));
        return this;
    }

    RunFixture endAt(double ms, boolean aborted) {
        this.endMs = ms;
        this.aborted = aborted;
        return this;
    }

    RunFixture noView() {
        this.viewObserved = false;
        return this;
    }

    RunFixture expect(String metric, String expression) {
        expect.put(metric, expression);
        return this;
    }

    RunFixture inject(String faultId, String action, String target, String truth, String detection, double atMs) {
        timeline.add(new TimelineEvent(us(atMs), us(atMs) - 500, TimelineEvent.INJECT, faultId, action, target, truth,
                detection, true, "probe confirmed"));
        return this;
    }

    RunFixture injectUnverified(String faultId, String action, String target, String detection, double atMs) {
        timeline.add(new TimelineEvent(us(atMs), us(atMs) - 500, TimelineEvent.INJECT, faultId, action, target,
                TimelineEvent.DOWN, detection, false, "probe still connected after 2 s"));
        return this;
    }

    RunFixture heal(String faultId, String target, double atMs) {
        timeline.add(new TimelineEvent(us(atMs), us(atMs) - 500, TimelineEvent.HEAL, faultId, "restart", target,
                TimelineEvent.UP, null, true, "port answers"));
        return this;
    }

    /** Every endpoint usable, as the observer's snapshot saw it 1 s before the start. */
    RunFixture snapshotAllUsable() {
        endpoints.forEach(id -> view.add(new ViewEvent(us(-1000), "api", id, "healthy", true, List.of(), "snapshot")));
        return this;
    }

    RunFixture snapshot(String endpoint, boolean usable) {
        view.add(new ViewEvent(us(-1000), "api", endpoint, usable ? "healthy" : "unhealthy", usable, List.of(), "snapshot"));
        return this;
    }

    RunFixture viewChange(double atMs, String endpoint, boolean usable) {
        view.add(new ViewEvent(us(atMs), "api", endpoint, usable ? "healthy" : "unhealthy", usable,
                usable ? List.of() : List.of("failed_active_hc"), usable ? "active_hc_passed" : "active_hc_failed"));
        return this;
    }

    RunFixture request(double startMs, double latencyMs, int status, String flags, String error) {
        requests.add(new RequestRecord(us(startMs), us(startMs + latencyMs), status, status == 200 ? "api-1" : null,
                flags, error));
        return this;
    }

    RunFixture ok(double startMs, double latencyMs) {
        return request(startMs, latencyMs, 200, null, null);
    }

    /** The CONTRACTS.md example's timing: I = Iu = 1 s, J = 0, T = 500 ms, U = 3, H = 2. */
    RunFixture standardConfig() {
        return config("1000ms", "1000ms", "0ms", "500ms", 3, 2, null);
    }

    RunFixture config(String interval, String unhealthyInterval, String jitter, String timeout, int u, int h,
                      String outlierDetection) {
        this.config = """
                {"listen":{"host":"127.0.0.1","port":0},
                 "clusters":[{"name":"api","loadBalancing":"round_robin",
                   "endpoints":[{"name":"api-0","address":"127.0.0.1:21001","weight":1}],
                   "healthCheck":{"type":"http","path":"/health","interval":"%s","unhealthyInterval":"%s",
                     "jitter":"%s","timeout":"%s","unhealthyThreshold":%d,"healthyThreshold":%d}%s}]}
                """.formatted(interval, unhealthyInterval, jitter, timeout, u, h,
                outlierDetection == null ? "" : ",\"outlierDetection\":" + outlierDetection);
        return this;
    }

    /** A view event with flags, e.g. a re-connect snapshot that says {@code slow_start}. */
    RunFixture viewEvent(double atMs, String endpoint, boolean usable, List<String> flags, String reason) {
        view.add(new ViewEvent(us(atMs), "api", endpoint, usable ? "healthy" : "unhealthy", usable, flags, reason));
        return this;
    }

    /** The gateway's effective config verbatim (gateway-config.json). */
    RunFixture rawConfig(String json) {
        this.config = json;
        return this;
    }

    /** The gateway's Prometheus text at the run's end (gateway-metrics.prom). */
    RunFixture gatewayMetrics(String prometheusText) {
        this.gatewayMetrics = prometheusText;
        return this;
    }

    RunDirectory write() {
        RunDirectory dir = new RunDirectory(root);
        List<EndpointInfo> infos = new ArrayList<>();
        for (int i = 0; i < endpoints.size(); i++) {
            infos.add(new EndpointInfo(endpoints.get(i), "api", i, "127.0.0.1:" + (41001 + i), "127.0.0.1:" + (21001 + i)));
        }
        dir.writeManifest(new RunManifest("20261126-101500-test", "test", "a literal history", T0, us(endMs), aborted,
                viewObserved ? "builtin" : "nginx", viewObserved, "api", infos, 100.0, expect));
        writeLines(dir, RunDirectory.TIMELINE, timeline);
        if (viewObserved) {
            writeLines(dir, RunDirectory.VIEW, view);
        }
        writeLines(dir, RunDirectory.REQUESTS, requests);
        try {
            if (config != null) {
                Files.writeString(dir.file(RunDirectory.GATEWAY_CONFIG), config);
            }
            if (gatewayMetrics != null) {
                Files.writeString(dir.file(RunDirectory.GATEWAY_METRICS), gatewayMetrics);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    Result score() {
        return Scorer.score(write());
    }

    private static void writeLines(RunDirectory dir, String name, List<?> records) {
        try (JsonlWriter w = new JsonlWriter(dir.file(name), 100)) {
            records.forEach(w::write);
        }
    }
}
