package dev.gauntlet.harness.kind.caddy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Writes a {@link CaddyTranslation} as Caddy's native JSON config:
 *
 * <pre>
 *   admin 127.0.0.1:adminPort (GET /reverse_proxy/upstreams: each upstream's passive fail count)
 *   logging: default log at INFO to stderr; log "gauntlet" at DEBUG holding only the loggers "events"
 *            (the "healthy"/"unhealthy" events, emitted where the state flips) and the active health checker
 *            (why a check failed) → caddy-view.log, which {@link CaddyLogView} tails
 *   server 127.0.0.1:port: one terminal route per neutral route, in order, to a reverse_proxy of its cluster;
 *            a last route answering 404 with x-gauntlet-flags: NR; error routes adding x-gauntlet-error:
 *            {http.error.message} ("no upstreams available", "dial tcp …: connection refused", …)
 * </pre>
 *
 * <pre>{@code ObjectNode json = CaddyConfRenderer.render(t, runDir, "127.0.0.1", 41000, 41001);}</pre>
 */
public final class CaddyConfRenderer {

    static final String VIEW_LOG = "caddy-view.log";
    /** {@code @id} of a cluster's reverse_proxy handler, so the effective config can name its cluster. */
    static final String ID_PREFIX = "gauntlet-cluster-";
    static final String ACTIVE_LOGGER = "http.handlers.reverse_proxy.health_checker.active";

    private CaddyConfRenderer() {
    }

    public static ObjectNode render(CaddyTranslation t, Path runDir, String host, int port, int adminPort) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        Path dir = runDir.toAbsolutePath();
        ObjectNode root = f.objectNode();
        root.putObject("admin").put("listen", "127.0.0.1:" + adminPort).putObject("config").put("persist", false);
        root.putObject("storage").put("module", "file_system").put("root", dir.resolve("caddy-data").toString());
        ObjectNode logs = root.putObject("logging").putObject("logs");
        ObjectNode def = logs.putObject("default").put("level", "INFO");
        def.putObject("writer").put("output", "stderr");
        def.putObject("encoder").put("format", "json");
        def.putArray("exclude").add("events").add(ACTIVE_LOGGER);
        ObjectNode view = logs.putObject("gauntlet").put("level", "DEBUG");
        view.putObject("writer").put("output", "file").put("filename", dir.resolve(VIEW_LOG).toString())
                .put("roll", false);
        view.putObject("encoder").put("format", "json");
        view.putArray("include").add("events").add(ACTIVE_LOGGER);

        ObjectNode server = root.putObject("apps").putObject("http").putObject("servers").putObject("gauntlet");
        server.putArray("listen").add(host + ":" + port);
        server.putObject("automatic_https").put("disable", true);
        ArrayNode routes = server.putArray("routes");
        java.util.Set<String> named = new java.util.HashSet<>();
        for (CaddyTranslation.Route r : t.routes()) {
            ObjectNode route = routes.addObject().put("terminal", true);
            ObjectNode match = route.putArray("match").addObject();
            if (!r.host().equals("*")) {
                match.putArray("host").add(r.host());
            }
            match.putArray("path").add(r.pathPrefix().endsWith("*") ? r.pathPrefix() : r.pathPrefix() + "*");
            CaddyTranslation.Cluster cluster = t.clusters().stream().filter(c -> c.name().equals(r.cluster()))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("routes: " + r.cluster()
                            + " (expected: a cluster name)"));
            ObjectNode rp = reverseProxy(t, cluster);
            if (named.add(cluster.name())) {
                rp.put("@id", ID_PREFIX + cluster.name()); // Caddy's config ids must be unique: the first route names it
            }
            route.putArray("handle").add(rp);
        }
        ObjectNode noRoute = routes.addObject().put("terminal", true);
        ObjectNode nr = noRoute.putArray("handle").addObject().put("handler", "static_response").put("status_code", 404)
                .put("body", "no route\n");
        nr.putObject("headers").putArray("x-gauntlet-flags").add("NR");
        ArrayNode errors = server.putObject("errors").putArray("routes").addObject().putArray("handle");
        errors.addObject().put("handler", "headers").putObject("response").putObject("set")
                .putArray("x-gauntlet-error").add("{http.error.message}");
        errors.addObject().put("handler", "static_response").put("status_code", "{http.error.status_code}")
                .put("body", "{http.error.status_text}: {http.error.message}\n");
        return root;
    }

    private static ObjectNode reverseProxy(CaddyTranslation t, CaddyTranslation.Cluster cluster) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode rp = f.objectNode().put("handler", "reverse_proxy");
        ArrayNode ups = rp.putArray("upstreams");
        cluster.endpoints().forEach(e -> ups.addObject().put("dial", e.address()));
        ObjectNode lb = rp.putObject("load_balancing");
        ObjectNode policy = lb.putObject("selection_policy").put("policy", t.policy());
        if (t.policy().equals("weighted_round_robin")) {
            ArrayNode weights = policy.putArray("weights");
            cluster.endpoints().forEach(e -> weights.add(e.weight()));
        }
        if (t.retries() > 0) {
            lb.put("retries", t.retries());
        }
        ObjectNode hc = rp.putObject("health_checks");
        if (t.active()) {
            ObjectNode a = hc.putObject("active").put("uri", t.uri()).put("interval", go(t.interval()))
                    .put("timeout", go(t.timeout())).put("passes", t.passes()).put("fails", t.fails())
                    .put("expect_status", t.expectStatus());
            if (t.expectBody() != null) {
                a.put("expect_body", t.expectBody());
            }
            if (t.hostHeader() != null) {
                a.putObject("headers").putArray("Host").add(t.hostHeader());
            }
        }
        if (t.passive()) {
            ObjectNode p = hc.putObject("passive").put("fail_duration", go(t.failDuration())).put("max_fails", t.maxFails());
            ArrayNode statuses = p.putArray("unhealthy_status");
            t.unhealthyStatus().forEach(statuses::add);
        }
        rp.putObject("transport").put("protocol", "http").put("dial_timeout", go(t.dialTimeout()))
                .put("response_header_timeout", go(t.headerTimeout()));
        return rp;
    }

    /** A Go duration string ({@code 1500ms}). */
    static String go(Duration d) {
        return d.toNanos() % 1_000_000 == 0 ? d.toMillis() + "ms" : d.toNanos() / 1000 + "us";
    }
}
