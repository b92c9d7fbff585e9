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
    private long viewResolutionUs = -1;
    private final List<String> history = new ArrayList<>();

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

    /** An active-check transition, as our gateway writes it (mechanism active_check). */
    RunFixture viewChange(double atMs, String endpoint, boolean usable) {
        view.add(new ViewEvent(us(atMs), "api", endpoint, usable ? "healthy" : "unhealthy", usable,
                usable ? List.of() : List.of("failed_active_hc"), usable ? "active_hc_passed" : "active_hc_failed",
                "active_check", usable ? null : "refused"));
        return this;
    }

    /** A transition from a run directory written before view events named their mechanism. */
    RunFixture oldViewChange(double atMs, String endpoint, boolean usable) {
        view.add(new ViewEvent(us(atMs), "api", endpoint, usable ? "healthy" : "unhealthy", usable,
                usable ? List.of() : List.of("failed_active_hc"), usable ? "active_hc_passed" : "active_hc_failed"));
        return this;
    }

    /** A passive ejection (mechanism outlier_ejection) and, later, its end. */
    RunFixture ejection(double atMs, String endpoint, boolean ejected) {
        view.add(new ViewEvent(us(atMs), "api", endpoint, ejected ? "ejected" : "healthy", !ejected,
                ejected ? List.of("failed_outlier_check") : List.of(), ejected ? "outlier_ejected" : "ejection_expired",
                "outlier_ejection", ejected ? "consecutive_gateway_failure=5" : null));
        return this;
    }

    /** The observer lost the view at {@code atMs} (a {@code view_gap} line, endpoint {@code *}). */
    RunFixture viewGap(double atMs, String why) {
        view.add(new ViewEvent(us(atMs), "api", "*", "gap", false, List.of(), ViewEvent.GAP, null, why));
        return this;
    }

    /** The observer reconnected at {@code atMs}: a snapshot of every endpoint, {@code unusable} ones out. */
    RunFixture reconnect(double atMs, String... unusable) {
        List<String> out = List.of(unusable);
        endpoints.forEach(id -> view.add(new ViewEvent(us(atMs), "api", id, out.contains(id) ? "unhealthy" : "healthy",
                !out.contains(id), List.of(), "snapshot", out.contains(id) ? "active_check" : null, null)));
        return this;
    }

    /** An inject whose action began at {@code requestedMs} and was verified at {@code atMs}. */
    RunFixture injectBracket(String faultId, String action, String target, String detection, double requestedMs,
                             double atMs) {
        timeline.add(new TimelineEvent(us(atMs), us(requestedMs), TimelineEvent.INJECT, faultId, action, target,
                TimelineEvent.DOWN, detection, true, "probe confirmed"));
        return this;
    }

    RunFixture healUnverified(String faultId, String target, double atMs) {
        timeline.add(new TimelineEvent(us(atMs), us(atMs) - 500, TimelineEvent.HEAL, faultId, "restart", target,
                TimelineEvent.UP, null, false, "port still refuses after 5 s"));
        return this;
    }

    /** run.json's {@code view_resolution_us} (how late a view stamp may be). */
    RunFixture viewResolutionUs(long us) {
        this.viewResolutionUs = us;
        return this;
    }

    /** One line of gateway-config-history.jsonl (raw JSON of the config). */
    RunFixture configHistory(double atMs, String source, String configJson) {
        history.add("{\"t_us\":" + us(atMs) + ",\"source\":\"" + source + "\",\"config\":" + configJson.replace("\n", " ").strip() + "}");
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

    /** Requests every {@code gapMs} from {@code fromMs} (inclusive) to {@code toMs} (exclusive), each answered 200. */
    RunFixture evenLoad(double fromMs, double toMs, double gapMs, double latencyMs) {
        for (double t = fromMs; t < toMs; t += gapMs) {
            ok(t, latencyMs);
        }
        return this;
    }

    /** The CONTRACTS.md example's timing: I = Iu = 1 s, J = 0, T = 500 ms, U = 3, H = 2. */
    RunFixture standardConfig() {
        return config("1000ms", "1000ms", "0ms", "500ms", 3, 2, null);
    }

    RunFixture config(String interval, String unhealthyInterval, String jitter, String timeout, int u, int h,
                      String outlierDetection) {
        this.config = configText(interval, unhealthyInterval, jitter, timeout, u, h, outlierDetection);
        return this;
    }

    /** The text of a one-cluster config, for {@link #config} and {@link #configHistory}. */
    static String configText(String interval, String unhealthyInterval, String jitter, String timeout, int u, int h,
                             String outlierDetection) {
        return """
                {"listen":{"host":"127.0.0.1","port":0},
                 "clusters":[{"name":"api","loadBalancing":"round_robin",
                   "endpoints":[{"name":"api-0","address":"127.0.0.1:21001","weight":1}],
                   "healthCheck":{"type":"http","path":"/health","interval":"%s","unhealthyInterval":"%s",
                     "jitter":"%s","timeout":"%s","unhealthyThreshold":%d,"healthyThreshold":%d}%s}]}
                """.formatted(interval, unhealthyInterval, jitter, timeout, u, h,
                outlierDetection == null ? "" : ",\"outlierDetection\":" + outlierDetection);
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
        if (viewResolutionUs >= 0) { // as kinds-core writes it: one more field in run.json
            try {
                var raw = (com.fasterxml.jackson.databind.node.ObjectNode) RunDirectory.JSON.readTree(
                        dir.file(RunDirectory.MANIFEST).toFile());
                raw.put("view_resolution_us", viewResolutionUs);
                RunDirectory.JSON.writeValue(dir.file(RunDirectory.MANIFEST).toFile(), raw);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        writeLines(dir, RunDirectory.TIMELINE, timeline);
        if (viewObserved) {
            writeLines(dir, RunDirectory.VIEW, view);
        }
        writeLines(dir, RunDirectory.REQUESTS, requests);
        try {
            if (config != null) {
                Files.writeString(dir.file(RunDirectory.GATEWAY_CONFIG), config);
            }
            if (!history.isEmpty()) {
                Files.write(dir.file(ConfigHistory.FILE), history);
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
