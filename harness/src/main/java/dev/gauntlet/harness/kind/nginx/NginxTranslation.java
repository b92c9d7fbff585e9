package dev.gauntlet.harness.kind.nginx;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.harness.kind.Refusal;
import dev.gauntlet.harness.scenario.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The neutral gateway config (our gateway's format) as nginx 1.22 open source can run it, or the settings it
 * cannot. Every key the neutral format has is either translated here or refused; none is dropped.
 *
 * <pre>{@code
 * List<Refusal> no = NginxTranslation.refusals(neutral);   // empty → NginxTranslation.of(neutral) succeeds
 * NginxTranslation t = NginxTranslation.of(neutral);
 * t.maxFails();     // 5: outlierDetection.consecutiveGatewayFailure → server max_fails
 * }</pre>
 *
 * Defaults are our gateway's (gateway-under-test/README.md), so a scenario means the same thing on every kind.
 *
 * @param clusters        upstream groups, in config order
 * @param routes          first match wins, as ours
 * @param balancer        nginx balancing directive: empty (smooth weighted round robin), {@code least_conn}, {@code random}
 * @param maxFails        server {@code max_fails} (0: failures not counted)
 * @param failTimeoutS    server {@code fail_timeout}, whole seconds: the window failures must fall in and the time
 *                        a server stays disabled
 * @param nextUpstream    {@code proxy_next_upstream} conditions; also what nginx counts as a failure
 * @param tries           {@code proxy_next_upstream_tries} (maxRetries + 1)
 * @param connectTimeout  {@code proxy_connect_timeout}
 * @param readTimeout     {@code proxy_read_timeout} and {@code proxy_send_timeout} (from upstreamTimeout)
 * @param maxBodyBytes    {@code client_max_body_size}
 */
public record NginxTranslation(List<Cluster> clusters, List<Route> routes, String balancer, int maxFails,
                               long failTimeoutS, List<String> nextUpstream, int tries, Duration connectTimeout,
                               Duration readTimeout, long maxBodyBytes) {

    static final int DEFAULT_CONSECUTIVE_FAILURES = 5;
    static final Duration DEFAULT_EJECTION = Duration.ofSeconds(30);
    static final Duration DEFAULT_UPSTREAM_TIMEOUT = Duration.ofSeconds(15);
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final int DEFAULT_MAX_RETRIES = 1;
    static final long DEFAULT_MAX_BODY = 8_388_608;

    /** One upstream group. */
    public record Cluster(String name, List<Server> servers) {
    }

    /** One server line: {@code name} is the topology's endpoint name, {@code down} a weight of 0. */
    public record Server(String name, String address, int weight, boolean down) {
    }

    /** One route: host {@code *}, {@code *.suffix} or exact; path prefix. */
    public record Route(String host, String pathPrefix, String cluster) {
    }

    public NginxTranslation {
        clusters = List.copyOf(clusters);
        routes = List.copyOf(routes);
        nextUpstream = List.copyOf(nextUpstream);
    }

    /** The clusters of a neutral root ({@code clusters: [...]}), or the node itself when it is one cluster. */
    static List<JsonNode> clustersOf(JsonNode neutral) {
        List<JsonNode> out = new ArrayList<>();
        if (neutral.has("clusters")) {
            neutral.get("clusters").forEach(out::add);
        } else {
            out.add(neutral);
        }
        return out;
    }

    /** Every neutral setting nginx open source does not have; paths relative to {@code gateway.config}. */
    public static List<Refusal> refusals(JsonNode neutral) {
        List<Refusal> no = new ArrayList<>();
        if (neutral.has("dns")) {
            no.add(new Refusal("dns", neutral.get("dns").toString(), "no dns for kind nginx: nginx open source "
                    + "resolves upstream names once at start; re-resolving them (server ... resolve) is nginx Plus"));
        }
        JsonNode first = null;
        for (JsonNode c : clustersOf(neutral)) {
            refuseCluster(c, no);
            if (first == null) {
                first = c;
            } else if (!sameSettings(first, c)) {
                no.add(new Refusal("clusters", c.path("name").asText(), "every cluster with the same retry, timeouts "
                        + "and outlierDetection for kind nginx: one proxy location serves every route"));
            }
        }
        return no;
    }

    private static boolean sameSettings(JsonNode a, JsonNode b) {
        for (String key : List.of("retry", "upstreamTimeout", "connectTimeout", "outlierDetection", "loadBalancing")) {
            if (!a.path(key).equals(b.path(key))) {
                return false;
            }
        }
        return true;
    }

    private static void refuseCluster(JsonNode c, List<Refusal> no) {
        JsonNode hc = c.get("healthCheck");
        if (hc != null && !(hc.has("enabled") && !hc.get("enabled").asBoolean(true))) {
            no.add(new Refusal("healthCheck", hc.toString(), "no healthCheck for kind nginx: nginx open source has no "
                    + "active health checks; or gateway.native"));
        }
        if (c.has("dnsEndpoints") && !c.get("dnsEndpoints").isNull()) {
            no.add(new Refusal("dnsEndpoints", c.get("dnsEndpoints").toString(), "static endpoints for kind nginx: "
                    + "nginx open source resolves upstream names once at start (re-resolution is nginx Plus)"));
        }
        if (c.path("tls").path("enabled").asBoolean(false)) {
            no.add(new Refusal("tls", c.get("tls").toString(), "tls.enabled: false for kind nginx: upstream TLS "
                    + "is not translated by this adapter"));
        }
        Duration slow = duration(c.path("slowStart").path("window"));
        if (slow != null && !slow.isZero()) {
            no.add(new Refusal("slowStart.window", c.path("slowStart").path("window").asText(), "0ms for kind nginx: "
                    + "slow_start is nginx Plus"));
        }
        // panicThreshold is not refused: issue 14 asks for panic "as it is" per gateway; nginx has none (with every
        // server disabled it answers 502, no live upstreams), and gateway-config.json says panicThreshold 0
        if (c.has("circuitBreakers")) {
            no.add(new Refusal("circuitBreakers", c.get("circuitBreakers").toString(), "no circuitBreakers for kind "
                    + "nginx: nginx open source limits connections per server (max_conns), not per cluster"));
        }
        refuseRetry(c.path("retry"), no);
        refuseOutlier(c.path("outlierDetection"), c.path("retry"), no);
    }

    private static void refuseRetry(JsonNode r, List<Refusal> no) {
        for (String key : List.of("backoffBase", "backoffMax", "budgetPercent", "budgetMinConcurrency")) {
            if (r.has(key)) {
                no.add(new Refusal("retry." + key, r.get(key).asText(), "no retry." + key + " for kind nginx: "
                        + "nginx retries at once on the next server, with no backoff and no budget"));
            }
        }
        Duration perTry = duration(r.path("perTryTimeout"));
        if (perTry != null && !perTry.isZero()) {
            no.add(new Refusal("retry.perTryTimeout", r.get("perTryTimeout").asText(), "0ms for kind nginx: its "
                    + "only per-try limit, proxy_read_timeout, carries upstreamTimeout"));
        }
        if (r.has("maxRetries") && (r.get("maxRetries").asInt() < 0 || r.get("maxRetries").asInt() > 10)) {
            no.add(new Refusal("retry.maxRetries", r.get("maxRetries").asText(), "0-10"));
        }
    }

    private static void refuseOutlier(JsonNode o, JsonNode retry, List<Refusal> no) {
        Duration base = duration(o.path("baseEjectionTime"));
        if (base != null && (base.toMillis() % 1000 != 0 || base.isZero())) {
            no.add(new Refusal("outlierDetection.baseEjectionTime", o.get("baseEjectionTime").asText(),
                    "whole seconds > 0 for kind nginx: fail_timeout is counted in seconds"));
        }
        Duration max = duration(o.path("maxEjectionTime"));
        if (max != null && !max.equals(base == null ? DEFAULT_EJECTION : base)) {
            no.add(new Refusal("outlierDetection.maxEjectionTime", o.get("maxEjectionTime").asText(), "equal to "
                    + "baseEjectionTime for kind nginx: a server is disabled for fail_timeout every time, never longer"));
        }
        Duration jitter = duration(o.path("ejectionJitter"));
        if (jitter != null && !jitter.isZero()) {
            no.add(new Refusal("outlierDetection.ejectionJitter", o.get("ejectionJitter").asText(), "0ms for kind nginx"));
        }
        if (o.has("maxEjectionPercent") && o.get("maxEjectionPercent").asInt() != 100) {
            no.add(new Refusal("outlierDetection.maxEjectionPercent", o.get("maxEjectionPercent").asText(), "100 for "
                    + "kind nginx: nginx can disable every server of a group"));
        }
        int c5 = o.path("consecutive5xx").asInt(0);
        int cg = o.path("consecutiveGatewayFailure").asInt(0);
        if (o.has("consecutive5xx") && c5 > 0 && !retryOn(retry).contains("5xx")) {
            no.add(new Refusal("outlierDetection.consecutive5xx", String.valueOf(c5), "0 for kind nginx unless "
                    + "retry.retryOn has 5xx: nginx counts an answer as a failure only when proxy_next_upstream lists it"));
        }
        if (o.has("consecutive5xx") && o.has("consecutiveGatewayFailure") && c5 > 0 && cg > 0 && c5 != cg) {
            no.add(new Refusal("outlierDetection.consecutive5xx", String.valueOf(c5), "equal to "
                    + "consecutiveGatewayFailure (" + cg + ") for kind nginx: nginx has one failure counter (max_fails)"));
        }
    }

    private static Set<String> retryOn(JsonNode retry) {
        Set<String> on = new LinkedHashSet<>();
        if (retry.has("retryOn")) {
            retry.get("retryOn").forEach(v -> on.add(v.asText()));
        } else {
            on.addAll(List.of("connect_failure", "reset"));
        }
        return on;
    }

    /** Translates a neutral root config; call only when {@link #refusals} is empty. */
    public static NginxTranslation of(JsonNode neutral) {
        List<Cluster> clusters = new ArrayList<>();
        for (JsonNode c : clustersOf(neutral)) {
            List<Server> servers = new ArrayList<>();
            c.path("endpoints").forEach(e -> {
                int weight = e.path("weight").asInt(1);
                String address = e.path("address").asText();
                servers.add(new Server(e.path("name").asText(address), address, Math.max(weight, 1), weight == 0));
            });
            clusters.add(new Cluster(c.path("name").asText(), servers));
        }
        List<Route> routes = new ArrayList<>();
        neutral.path("routes").forEach(r -> routes.add(new Route(r.path("host").asText("*"),
                r.path("pathPrefix").asText("/"), r.path("cluster").asText())));
        if (routes.isEmpty() && clusters.size() == 1) {
            routes.add(new Route("*", "/", clusters.get(0).name()));
        }
        JsonNode c = clustersOf(neutral).get(0);
        JsonNode o = c.path("outlierDetection");
        int maxFails = 0;
        if (o.path("enabled").asBoolean(true)) {
            int cg = o.path("consecutiveGatewayFailure").asInt(DEFAULT_CONSECUTIVE_FAILURES);
            maxFails = cg > 0 ? cg : o.path("consecutive5xx").asInt(0);
        }
        Duration base = duration(o.path("baseEjectionTime"));
        long failTimeoutS = (base == null ? DEFAULT_EJECTION : base).toSeconds();
        Set<String> conditions = new LinkedHashSet<>();
        // nginx's "error" and "timeout" cover both the connect and the read stage; it cannot retry one and not the other
        Set<String> on = retryOn(c.path("retry"));
        if (on.contains("connect_failure") || on.contains("reset") || on.contains("5xx") || on.contains("gateway_error")) {
            conditions.addAll(List.of("error", "timeout"));
        }
        if (on.contains("5xx")) {
            conditions.addAll(List.of("http_500", "http_502", "http_503", "http_504"));
        } else if (on.contains("gateway_error")) {
            conditions.addAll(List.of("http_502", "http_503", "http_504"));
        }
        if (conditions.isEmpty()) {
            conditions.add("off");
        }
        int tries = c.path("retry").path("maxRetries").asInt(DEFAULT_MAX_RETRIES) + 1;
        String balancer = switch (c.path("loadBalancing").asText("round_robin")) {
            case "least_request" -> "least_conn";
            case "random" -> "random";
            default -> "";
        };
        Duration connect = orDefault(duration(c.path("connectTimeout")), DEFAULT_CONNECT_TIMEOUT);
        Duration read = orDefault(duration(c.path("upstreamTimeout")), DEFAULT_UPSTREAM_TIMEOUT);
        long body = neutral.path("maxRequestBodyBytes").asLong(DEFAULT_MAX_BODY);
        return new NginxTranslation(clusters, routes, balancer, maxFails, failTimeoutS, List.copyOf(conditions), tries,
                connect, read, body);
    }

    private static Duration orDefault(Duration d, Duration fallback) {
        return d == null ? fallback : d;
    }

    static Duration duration(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? null : Durations.parseOrNull(node.asText());
    }
}
