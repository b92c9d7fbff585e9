package dev.gauntlet.harness.kind.caddy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.harness.fault.Micros;
import dev.gauntlet.harness.kind.DetectionModel.Mechanism;
import dev.gauntlet.harness.kind.LogTail;
import dev.gauntlet.harness.kind.ViewSink;
import dev.gauntlet.harness.kind.ViewSource;
import dev.gauntlet.report.run.ViewEvent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Caddy's view of its upstreams, from two sources:
 * <ul>
 *   <li><b>active checks</b>: the {@code events} logger's debug lines {@code "name":"unhealthy"} /
 *       {@code "healthy"} in caddy-view.log, stamped by Caddy ({@code ts}, µs) at the moment the checker flips the
 *       state (healthchecks.go v2.11.9, {@code markUnhealthy}/{@code markHealthy} → {@code h.events.Emit}); the
 *       cause is the health checker's last line for that host ({@code HTTP request failed} with the error, or
 *       {@code unexpected status code});</li>
 *   <li><b>passive checks</b>: Caddy logs nothing when a failure count crosses {@code max_fails}, so the admin
 *       API's {@code GET /reverse_proxy/upstreams} ({@code fails} per upstream) is polled every 100 ms; a change
 *       is stamped when the poll saw it, at most one poll interval late.</li>
 * </ul>
 * An upstream is usable when the active checker holds it healthy and its passive fail count is below
 * {@code max_fails} ({@code Upstream.Healthy()} in hosts.go).
 *
 * <pre>{@code
 * try (CaddyLogView view = CaddyLogView.start(runDir, adminUrl, translation, sink, endpointIds)) { ... }
 * }</pre>
 */
public final class CaddyLogView implements ViewSource {

    static final long PASSIVE_POLL_MS = 100;
    private static final long LOG_POLL_NANOS = 20_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final class Upstream {
        final String cluster;
        final String id;
        boolean activeHealthy = true;
        int passiveFails;

        Upstream(String cluster, String id) {
            this.cluster = cluster;
            this.id = id;
        }
    }

    private final Map<String, Upstream> byAddress = new LinkedHashMap<>();
    private final Map<String, String> lastCause = new HashMap<>();
    /** Failed checks per host since its last flip: Caddy's own count, which no pass resets (see the model). */
    private final Map<String, Integer> failsSinceFlip = new HashMap<>();
    private final Map<String, Boolean> usable = new ConcurrentHashMap<>();
    private final CaddyTranslation translation;
    private final ViewSink sink;
    private final Clock clock;
    private final Object changed = new Object();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private Thread reader;
    private volatile boolean closing;

    CaddyLogView(CaddyTranslation translation, ViewSink sink, UnaryOperator<String> endpointIds, Clock clock) {
        this.translation = translation;
        this.sink = sink;
        this.clock = clock;
        for (CaddyTranslation.Cluster c : translation.clusters()) {
            for (CaddyTranslation.Endpoint e : c.endpoints()) {
                byAddress.put(e.address(), new Upstream(c.name(), endpointIds.apply(e.name())));
            }
        }
    }

    static CaddyLogView start(Path runDir, String adminUrl, CaddyTranslation translation, ViewSink sink,
                              UnaryOperator<String> endpointIds) {
        CaddyLogView view = new CaddyLogView(translation, sink, endpointIds, Micros.MONOTONIC);
        LogTail log = new LogTail(runDir.resolve(CaddyConfRenderer.VIEW_LOG));
        try {
            for (String line : log.poll()) {
                view.onLogLine(line, false); // what happened before we looked: state only
            }
        } catch (IOException unreadable) {
            // the snapshot below then assumes Caddy's start state (every upstream healthy)
        }
        view.pollAdmin(adminUrl, false);
        view.snapshot(Micros.now(view.clock));
        view.reader = new Thread(() -> view.follow(log, adminUrl), "view-caddy");
        view.reader.setDaemon(true);
        view.reader.start();
        return view;
    }

    synchronized void snapshot(long nowUs) {
        for (Upstream u : byAddress.values()) {
            boolean ok = usable(u);
            usable.put(u.id, ok);
            sink.accept(new ViewEvent(nowUs, u.cluster, u.id, state(u), ok, flags(u), "snapshot"));
        }
    }

    private void follow(LogTail log, String adminUrl) {
        long nextAdmin = 0;
        while (!closing) {
            try {
                for (String line : log.poll()) {
                    onLogLine(line, true);
                }
            } catch (IOException e) {
                sink.gap(Micros.now(clock), "cannot read Caddy's log: " + e.getMessage());
            }
            if (translation.passive() && System.nanoTime() >= nextAdmin) {
                nextAdmin = System.nanoTime() + PASSIVE_POLL_MS * 1_000_000;
                pollAdmin(adminUrl, true);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(LOG_POLL_NANOS);
        }
    }

    /** One line of caddy-view.log; {@code emit} false while catching up on what happened before the snapshot. */
    synchronized void onLogLine(String line, boolean emit) {
        JsonNode l;
        try {
            l = JSON.readTree(line);
        } catch (IOException torn) {
            return;
        }
        if (l.path("logger").asText().equals(CaddyConfRenderer.ACTIVE_LOGGER)) {
            String host = l.path("host").asText();
            String cause = switch (l.path("msg").asText()) {
                case "HTTP request failed" -> cause(l.path("error").asText());
                case "unexpected status code", "status code out of tolerances" -> "status " + l.path("status_code").asInt();
                case "response body failed expectations" -> "body mismatch";
                default -> null;
            };
            if (cause != null) {
                lastCause.put(host, cause);
                failsSinceFlip.merge(host, 1, Integer::sum);
            }
            return;
        }
        String name = l.path("name").asText();
        if (!l.path("logger").asText().equals("events") || !(name.equals("healthy") || name.equals("unhealthy"))) {
            return;
        }
        String host = l.path("data").path("host").asText();
        Upstream u = byAddress.get(host);
        if (u == null) {
            return;
        }
        boolean before = usable(u);
        u.activeHealthy = name.equals("healthy");
        long tUs = Micros.fromEpochUs(Math.round(l.path("ts").asDouble() * 1e6));
        int failed = failsSinceFlip.getOrDefault(host, 0);
        failsSinceFlip.put(host, 0); // Caddy resets its counts when the state flips (resetHealth)
        if (emit && before != usable(u)) {
            String reason = u.activeHealthy ? "active_hc_passed" : "active_hc_failed";
            // the failed checks counted since the last flip, which need not be consecutive: a run whose count was
            // not clean before the fault shows it here
            String detail = u.activeHealthy ? "health_passes=" + translation.passes()
                    : lastCause.getOrDefault(host, "check failed") + "; health_fails=" + translation.fails()
                    + " (failed checks since the last flip: " + failed + ")";
            emit(u, tUs, reason, Mechanism.ACTIVE_CHECK, detail);
        }
    }

    /** Reads each upstream's passive fail count; {@code emit} false for the snapshot's first reading. */
    void pollAdmin(String adminUrl, boolean emit) {
        JsonNode list;
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(adminUrl + "/reverse_proxy/upstreams"))
                    .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
            list = JSON.readTree(r.body());
        } catch (IOException e) {
            return; // the next poll tries again; Caddy's active events still arrive through the log
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        onUpstreams(list, Micros.now(clock), emit);
    }

    synchronized void onUpstreams(JsonNode list, long nowUs, boolean emit) {
        for (JsonNode entry : list) {
            Upstream u = byAddress.get(entry.path("address").asText());
            if (u == null) {
                continue;
            }
            boolean before = usable(u);
            boolean wasDown = passiveDown(u);
            u.passiveFails = entry.path("fails").asInt();
            if (emit && before != usable(u) && wasDown != passiveDown(u)) {
                emit(u, nowUs, passiveDown(u) ? "outlier_ejected" : "ejection_expired", Mechanism.OUTLIER_EJECTION,
                        "fails=" + u.passiveFails + " of max_fails=" + translation.maxFails() + " within fail_duration");
            }
        }
    }

    private boolean passiveDown(Upstream u) {
        return translation.passive() && u.passiveFails >= translation.maxFails();
    }

    private boolean usable(Upstream u) {
        return u.activeHealthy && !passiveDown(u);
    }

    private String state(Upstream u) {
        return !u.activeHealthy ? "unhealthy" : passiveDown(u) ? "ejected" : "healthy";
    }

    private List<String> flags(Upstream u) {
        if (!u.activeHealthy) {
            return List.of("failed_active_hc");
        }
        return passiveDown(u) ? List.of("failed_outlier_check") : List.of();
    }

    /** One transition, with the mechanism that moved the upstream and what it saw. */
    private void emit(Upstream u, long tUs, String reason, Mechanism mechanism, String detail) {
        boolean ok = usable(u);
        usable.put(u.id, ok);
        sink.accept(new ViewEvent(tUs, u.cluster, u.id, state(u), ok, flags(u), reason, mechanism.id(), detail));
        synchronized (changed) {
            changed.notifyAll();
        }
    }

    /** The cause of a failed check, as ViewEvent detail words. */
    static String cause(String error) {
        if (error.contains("connection refused")) {
            return "refused";
        }
        if (error.contains("deadline exceeded") || error.contains("Timeout") || error.contains("timeout")) {
            return "timeout";
        }
        if (error.contains("reset") || error.contains("EOF")) {
            return "reset";
        }
        return "error";
    }

    @Override
    public long resolutionUs() {
        return translation.passive() ? PASSIVE_POLL_MS * 1000 : 0;
    }

    @Override
    public String describe() {
        return "caddy events log (healthy/unhealthy, stamped by Caddy)"
                + (translation.passive() ? " and admin /reverse_proxy/upstreams polled every " + PASSIVE_POLL_MS + " ms" : "");
    }

    @Override
    public boolean awaitAllUsable(int endpoints, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (changed) {
            while (usable.size() < endpoints || usable.containsValue(false)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }

    @Override
    public Map<String, Boolean> usable() {
        return Map.copyOf(usable);
    }

    @Override
    public void close() {
        closing = true;
        if (reader != null) {
            reader.interrupt();
        }
    }
}
