package dev.gauntlet.harness.kind.envoy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the neutral config into one static Envoy v3 bootstrap (no xDS), as a JSON tree that is written as
 * YAML. What maps to what, and why where it is not one to one:
 *
 * <pre>
 *   listen / admin          → listener and admin on 127.0.0.1 (admin only ever on loopback)
 *   routes                  → one virtual host per host pattern; each gets, in order, every neutral route
 *                             whose host also covers it, so "first match wins" holds as in our gateway
 *   healthCheck             → health_checks[0]: interval, timeout, thresholds, interval_jitter and
 *                             initial_jitter (ours: U[0, jitter] on every wait, the first included),
 *                             no_traffic_interval = interval (Envoy's default is 60 s until the cluster has
 *                             carried traffic), and the edge intervals set so the wait after a check depends
 *                             on the host's state as in ours (see EnvoyDetectionModel)
 *   outlierDetection        → outlier_detection, consecutive_gateway_failure enforced (Envoy's default: 0 %),
 *                             success-rate ejection off (ours has none), interval 10 s (Envoy's default)
 *   retry, upstreamTimeout  → the route's retry_policy (previous_hosts predicate: never the same endpoint
 *                             twice) and timeout
 *   circuitBreakers, retry budget → circuit_breakers.thresholds[0]
 *   panicThreshold          → common_lb_config.healthy_panic_threshold; update_merge_window 0s so a health
 *                             change reaches the balancers when Envoy logs it, not up to 1 s later
 *   every answer            → x-gauntlet-flags: %RESPONSE_FLAGS%, on upstream answers (route config) and on
 *                             Envoy's own local replies (local_reply_config), so 503 UH and 404 NR carry it
 * </pre>
 *
 * <pre>{@code
 * ObjectNode bootstrap = EnvoyBootstrap.render(launch.neutral(), "127.0.0.1", 41000, 41001, runDir);
 * }</pre>
 */
final class EnvoyBootstrap {

    static final String FLAGS_HEADER = "x-gauntlet-flags";
    static final String HC_EVENTS = "envoy-health-events.jsonl";
    static final String OUTLIER_EVENTS = "envoy-outlier-events.jsonl";
    /** Envoy's default outlier sweep (outlier_detection.interval), written explicitly so the bound can read it. */
    static final long OUTLIER_INTERVAL_MS = 10_000;

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private EnvoyBootstrap() {
    }

    static ObjectNode render(JsonNode neutral, String host, int listenPort, int adminPort, Path runDir) {
        return render(neutral, host, listenPort, adminPort, runDir, null);
    }

    /** With {@code upstreamCa}, the test CA's PEM file that TLS clusters verify their endpoints against (or null). */
    static ObjectNode render(JsonNode neutral, String host, int listenPort, int adminPort, Path runDir, Path upstreamCa) {
        ObjectNode root = F.objectNode();
        socket(root.putObject("admin").putObject("address"), "127.0.0.1", adminPort);
        root.putObject("cluster_manager").putObject("outlier_detection")
                .put("event_log_path", runDir.resolve(OUTLIER_EVENTS).toString());
        ObjectNode resources = root.putObject("static_resources");
        resources.putArray("listeners").add(listener(neutral, host, listenPort));
        ArrayNode clusters = resources.putArray("clusters");
        neutral.path("clusters").forEach(c -> clusters.add(cluster(new NeutralCluster(c), runDir, upstreamCa)));
        return root;
    }

    private static ObjectNode listener(JsonNode neutral, String host, int port) {
        ObjectNode l = F.objectNode().put("name", "gauntlet");
        socket(l.putObject("address"), host, port);
        ObjectNode hcm = l.putArray("filter_chains").addObject().putArray("filters").addObject()
                .put("name", "envoy.filters.network.http_connection_manager").putObject("typed_config");
        hcm.put("@type", "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager");
        hcm.put("stat_prefix", "gauntlet");
        hcm.put("strip_any_host_port", true); // our routes ignore the port, as the neutral format says
        // Envoy's own answers (503 no healthy upstream, 404 no route, 503 overflow) do not pass the route's
        // response_headers_to_add when no route matched, so the flag header is added to local replies as well.
        ObjectNode mapper = hcm.putObject("local_reply_config").putArray("mappers").addObject();
        mapper.putObject("filter").putObject("response_flag_filter");
        mapper.putArray("headers_to_add").add(flagsHeader());
        ObjectNode routeConfig = hcm.putObject("route_config").put("name", "gauntlet");
        routeConfig.putArray("response_headers_to_add").add(flagsHeader());
        ArrayNode hosts = routeConfig.putArray("virtual_hosts");
        Map<String, List<JsonNode>> byHost = virtualHosts(routes(neutral));
        Map<String, NeutralCluster> clusters = new LinkedHashMap<>();
        neutral.path("clusters").forEach(c -> clusters.put(c.path("name").asText(), new NeutralCluster(c)));
        int i = 0;
        for (Map.Entry<String, List<JsonNode>> vh : byHost.entrySet()) {
            ObjectNode v = hosts.addObject().put("name", "vh" + i++);
            v.putArray("domains").add(vh.getKey());
            ArrayNode rs = v.putArray("routes");
            for (JsonNode r : vh.getValue()) {
                NeutralCluster c = clusters.get(r.path("cluster").asText());
                ObjectNode route = rs.addObject();
                route.putObject("match").put("prefix", r.path("pathPrefix").asText("/"));
                route.set("route", routeAction(r.path("cluster").asText(), c == null ? new NeutralCluster(null) : c));
            }
        }
        ObjectNode router = hcm.putArray("http_filters").addObject().put("name", "envoy.filters.http.router");
        router.putObject("typed_config").put("@type", "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router");
        return l;
    }

    private static List<JsonNode> routes(JsonNode neutral) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode routes = neutral.path("routes");
        if (routes.isArray() && !routes.isEmpty()) {
            routes.forEach(out::add);
        } else if (neutral.path("clusters").size() == 1) {
            out.add(F.objectNode().put("host", "*").put("pathPrefix", "/")
                    .put("cluster", neutral.path("clusters").get(0).path("name").asText()));
        }
        return out;
    }

    /**
     * Envoy picks the virtual host first (exact, then suffix, then *) and only then the first matching route
     * in it; ours takes the first matching route of one list. Giving each host pattern every route whose host
     * covers it, in the original order, makes both pick the same route.
     */
    static Map<String, List<JsonNode>> virtualHosts(List<JsonNode> routes) {
        Map<String, List<JsonNode>> out = new LinkedHashMap<>();
        for (JsonNode r : routes) {
            out.putIfAbsent(r.path("host").asText("*"), new ArrayList<>());
        }
        out.putIfAbsent("*", new ArrayList<>());
        for (Map.Entry<String, List<JsonNode>> vh : out.entrySet()) {
            for (JsonNode r : routes) {
                if (covers(r.path("host").asText("*"), vh.getKey())) {
                    vh.getValue().add(r);
                }
            }
        }
        return out;
    }

    /** Whether a route for {@code pattern} also matches every host {@code vhost} matches. */
    static boolean covers(String pattern, String vhost) {
        if (pattern.equals("*") || pattern.equalsIgnoreCase(vhost)) {
            return true;
        }
        if (pattern.startsWith("*.") && !vhost.equals("*")) {
            String suffix = pattern.substring(1).toLowerCase(java.util.Locale.ROOT);          // ".x.com"
            String v = (vhost.startsWith("*.") ? vhost.substring(1) : vhost).toLowerCase(java.util.Locale.ROOT);
            return v.endsWith(suffix) && v.length() > suffix.length();
        }
        return false;
    }

    private static ObjectNode routeAction(String cluster, NeutralCluster c) {
        ObjectNode a = F.objectNode().put("cluster", cluster);
        a.put("timeout", NeutralCluster.protoDuration(c.ms("upstreamTimeout", NeutralCluster.UPSTREAM_TIMEOUT_MS)));
        int maxRetries = c.integer("retry.maxRetries", 1);
        List<String> on = c.texts("retry.retryOn", List.of("connect_failure", "reset"));
        if (maxRetries > 0 && !on.isEmpty()) {
            ObjectNode rp = a.putObject("retry_policy");
            rp.put("retry_on", String.join(",", on.stream().map(s -> s.replace('_', '-')).toList()));
            rp.put("num_retries", maxRetries);
            long perTry = c.ms("retry.perTryTimeout", 0);
            if (perTry > 0) {
                rp.put("per_try_timeout", NeutralCluster.protoDuration(perTry));
            }
            rp.putObject("retry_back_off")
                    .put("base_interval", NeutralCluster.protoDuration(c.ms("retry.backoffBase", 25)))
                    .put("max_interval", NeutralCluster.protoDuration(c.ms("retry.backoffMax", 250)));
            ObjectNode pred = rp.putArray("retry_host_predicate").addObject()
                    .put("name", "envoy.retry_host_predicates.previous_hosts");
            pred.putObject("typed_config").put("@type",
                    "type.googleapis.com/envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate");
            rp.put("host_selection_retry_max_attempts", 5);
        }
        return a;
    }

    private static ObjectNode cluster(NeutralCluster c, Path runDir, Path upstreamCa) {
        ObjectNode o = F.objectNode().put("name", c.name()).put("type", "STATIC");
        o.put("connect_timeout", NeutralCluster.protoDuration(c.ms("connectTimeout", NeutralCluster.CONNECT_TIMEOUT_MS)));
        String lb = c.text("loadBalancing", "round_robin");
        o.put("lb_policy", switch (lb) {
            case "least_request" -> "LEAST_REQUEST";
            case "random" -> "RANDOM";
            default -> "ROUND_ROBIN"; // Envoy's round robin is weighted, as both of ours are
        });
        long window = c.ms("slowStart.window", 0);
        if (window > 0) {
            ObjectNode slow = o.putObject(lb.equals("least_request") ? "least_request_lb_config" : "round_robin_lb_config")
                    .putObject("slow_start_config");
            slow.put("slow_start_window", NeutralCluster.protoDuration(window));
            slow.putObject("min_weight_percent").put("value", c.decimal("slowStart.minWeightPercent", 10));
        }
        ObjectNode common = o.putObject("common_lb_config");
        common.putObject("healthy_panic_threshold").put("value", c.panicThreshold());
        // Envoy merges health changes that follow another within update_merge_window (default 1 s) and hands
        // them to the workers' balancers only when the window ends (cluster_manager_impl.cc, "we only merge
        // updates with no adds/removes"): the event log would then say "unhealthy" up to 1 s before routing
        // changes. Ours applies a change at once, and the view must be what routing uses: no merging.
        common.put("update_merge_window", "0s");
        ObjectNode la = o.putObject("load_assignment").put("cluster_name", c.name());
        ArrayNode lbEndpoints = la.putArray("endpoints").addObject().putArray("lb_endpoints");
        for (JsonNode e : c.node().path("endpoints")) {
            String[] hp = e.path("address").asText().split(":");
            ObjectNode le = lbEndpoints.addObject();
            socket(le.putObject("endpoint").putObject("address"), hp[0], Integer.parseInt(hp[1]));
            le.put("load_balancing_weight", Math.max(1, e.path("weight").asInt(1)));
        }
        ObjectNode thresholds = o.putObject("circuit_breakers").putArray("thresholds").addObject();
        thresholds.put("max_connections", c.integer("circuitBreakers.maxConnections", 1024));
        thresholds.put("max_pending_requests", c.integer("circuitBreakers.maxPendingRequests", 1024));
        thresholds.put("max_requests", c.integer("circuitBreakers.maxRequests", 1024));
        if (c.has("circuitBreakers.maxRetries")) {
            thresholds.put("max_retries", c.integer("circuitBreakers.maxRetries", 3));
        } else {
            thresholds.putObject("retry_budget")
                    .<ObjectNode>set("budget_percent", F.objectNode().put("value", c.decimal("retry.budgetPercent", 20.0)))
                    .set("min_retry_concurrency", F.numberNode(c.integer("retry.budgetMinConcurrency", 3)));
        }
        if (c.flag("tls.enabled", false)) {
            o.set("transport_socket", tls(c, upstreamCa));
        }
        if (c.healthCheckEnabled()) {
            o.putArray("health_checks").add(healthCheck(c, runDir));
        }
        if (c.outlierEnabled()) {
            o.set("outlier_detection", outlier(c));
        }
        return o;
    }

    private static ObjectNode healthCheck(NeutralCluster c, Path runDir) {
        ObjectNode h = F.objectNode();
        String interval = NeutralCluster.protoDuration(c.intervalMs());
        String unhealthy = NeutralCluster.protoDuration(c.unhealthyIntervalMs());
        h.put("timeout", NeutralCluster.protoDuration(c.timeoutMs()));
        h.put("interval", interval);
        // Ours waits interval while the endpoint is healthy and unhealthyInterval while it is unhealthy. Envoy
        // chooses the wait by the check's result and whether the host's state is changing
        // (health_checker_base_impl.cc, HealthCheckerImplBase::interval), so the edge intervals restate ours.
        h.put("unhealthy_interval", unhealthy);
        h.put("unhealthy_edge_interval", interval);   // failing while still healthy: the host is healthy
        h.put("healthy_edge_interval", unhealthy);    // passing while still unhealthy: the host is unhealthy
        h.put("no_traffic_interval", interval);       // Envoy's default 60 s until the cluster carried traffic
        h.put("no_traffic_healthy_interval", interval);
        long jitter = c.jitterMs();
        if (jitter > 0) {
            h.put("interval_jitter", NeutralCluster.protoDuration(jitter));
            h.put("initial_jitter", NeutralCluster.protoDuration(jitter));
        }
        h.put("unhealthy_threshold", c.unhealthyThreshold());
        h.put("healthy_threshold", c.healthyThreshold());
        h.put("always_log_health_check_failures", true);
        ObjectNode sink = h.putArray("event_logger").addObject().put("name", "envoy.health_check.event_sink.file");
        sink.putObject("typed_config")
                .put("@type", "type.googleapis.com/envoy.extensions.health_check.event_sinks.file.v3.HealthCheckEventFileSink")
                .put("event_log_path", runDir.resolve(HC_EVENTS).toString());
        if (c.text("healthCheck.type", "http").equals("tcp")) {
            h.putObject("tcp_health_check"); // no payload: the connect is the check, as ours
        } else {
            ObjectNode http = h.putObject("http_health_check").put("path", c.text("healthCheck.path", "/health"));
            String hostHeader = c.text("healthCheck.host", null);
            if (hostHeader != null) {
                http.put("host", hostHeader);
            }
            ArrayNode ranges = http.putArray("expected_statuses");
            for (int s : c.integers("healthCheck.expectedStatuses", List.of(200))) {
                ranges.addObject().put("start", s).put("end", s + 1);
            }
            String body = c.text("healthCheck.expectedBody", null);
            if (body != null) {
                // Envoy's receive payloads are hex and matched anywhere in the first response bytes
                http.putArray("receive").addObject().put("text",
                        HexFormat.of().formatHex(body.getBytes(StandardCharsets.UTF_8)));
            }
        }
        return h;
    }

    private static ObjectNode outlier(NeutralCluster c) {
        ObjectNode od = F.objectNode();
        int c5xx = c.integer("outlierDetection.consecutive5xx", 5);
        int gw = c.integer("outlierDetection.consecutiveGatewayFailure", 5);
        od.put("interval", NeutralCluster.protoDuration(OUTLIER_INTERVAL_MS));
        od.put("consecutive_5xx", Math.max(1, c5xx));
        od.put("enforcing_consecutive_5xx", c5xx > 0 ? 100 : 0);
        od.put("consecutive_gateway_failure", Math.max(1, gw));
        od.put("enforcing_consecutive_gateway_failure", gw > 0 ? 100 : 0);
        od.put("enforcing_success_rate", 0);
        od.put("base_ejection_time", NeutralCluster.protoDuration(c.ms("outlierDetection.baseEjectionTime", 30_000)));
        od.put("max_ejection_time", NeutralCluster.protoDuration(c.ms("outlierDetection.maxEjectionTime", 300_000)));
        long jitter = c.ms("outlierDetection.ejectionJitter", 0);
        od.put("max_ejection_time_jitter", NeutralCluster.protoDuration(jitter));
        od.put("max_ejection_percent", c.integer("outlierDetection.maxEjectionPercent", 50));
        od.put("always_eject_one_host", true); // ours: one ejection is always allowed
        return od;
    }

    /**
     * Upstream TLS for the data path and the checks (Envoy's health checker uses the cluster's transport socket):
     * {@code verify} trusts only the test CA and, as ours, checks that the certificate names the address dialled
     * (all of a static cluster's proxies listen on one loopback address).
     */
    private static ObjectNode tls(NeutralCluster c, Path upstreamCa) {
        ObjectNode ts = F.objectNode().put("name", "envoy.transport_sockets.tls");
        ObjectNode ctx = ts.putObject("typed_config")
                .put("@type", "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext");
        String sni = c.text("tls.sni", null);
        if (sni != null) {
            ctx.put("sni", sni);
        }
        ObjectNode common = ctx.putObject("common_tls_context");
        if (c.flag("tls.verify", true) && upstreamCa != null) {
            ObjectNode vc = common.putObject("validation_context");
            vc.putObject("trusted_ca").put("filename", upstreamCa.toAbsolutePath().toString());
            String ip = c.node().path("endpoints").path(0).path("address").asText("127.0.0.1:0").split(":")[0];
            ObjectNode san = vc.putArray("match_typed_subject_alt_names").addObject().put("san_type", "IP_ADDRESS");
            san.putObject("matcher").put("exact", ip);
        }
        return ts;
    }

    private static ObjectNode flagsHeader() {
        ObjectNode h = F.objectNode();
        h.putObject("header").put("key", FLAGS_HEADER).put("value", "%RESPONSE_FLAGS%");
        h.put("append_action", "OVERWRITE_IF_EXISTS_OR_ADD");
        return h;
    }

    private static void socket(ObjectNode address, String host, int port) {
        address.putObject("socket_address").put("address", host).put("port_value", port);
    }
}
