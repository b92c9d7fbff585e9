package dev.gauntlet.harness.kind.caddy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.harness.kind.Refusal;
import dev.gauntlet.harness.scenario.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The neutral gateway config (our gateway's format) as Caddy 2.11.9's {@code reverse_proxy} can run it, or the
 * settings it cannot. Missing keys take our gateway's defaults (gateway-under-test/README.md), so a scenario means
 * the same thing on every kind: no {@code healthCheck} key is an HTTP check of {@code /health} every 1 s.
 *
 * <pre>{@code
 * List<Refusal> no = CaddyTranslation.refusals(neutral);
 * CaddyTranslation t = CaddyTranslation.of(neutral);   // t.fails() == healthCheck.unhealthyThreshold
 * }</pre>
 *
 * @param clusters     upstream groups with their endpoints (name, address, weight), in config order
 * @param routes       first match wins (Caddy evaluates routes in order; each is terminal)
 * @param policy       selection policy: round_robin, weighted_round_robin, least_conn, random
 * @param active       whether active checks run
 * @param uri          health_uri
 * @param hostHeader   Host header of the checks (null: the upstream's address)
 * @param interval     health_interval (a fixed-rate ticker)
 * @param timeout      health_timeout
 * @param passes       health_passes (healthyThreshold)
 * @param fails        health_fails (unhealthyThreshold)
 * @param expectStatus health_status: a code, or 2 for any 2xx
 * @param expectBody   health_body regex (the quoted expectedBody), or null
 * @param passive      whether passive checks run
 * @param failDuration fail_duration
 * @param maxFails     max_fails
 * @param unhealthyStatus unhealthy_status (5 = any 5xx)
 * @param retries      lb_retries (maxRetries)
 * @param dialTimeout  transport dial_timeout (connectTimeout)
 * @param headerTimeout transport response_header_timeout (perTryTimeout, else upstreamTimeout), one per try
 */
public record CaddyTranslation(List<Cluster> clusters, List<Route> routes, String policy, boolean active, String uri,
                               String hostHeader, Duration interval, Duration timeout, int passes, int fails,
                               int expectStatus, String expectBody, boolean passive, Duration failDuration,
                               int maxFails, List<Integer> unhealthyStatus, int retries, Duration dialTimeout,
                               Duration headerTimeout) {

    /** One upstream group. */
    public record Cluster(String name, List<Endpoint> endpoints) {
    }

    /** One upstream. */
    public record Endpoint(String name, String address, int weight) {
    }

    /** One route. */
    public record Route(String host, String pathPrefix, String cluster) {
    }

    public CaddyTranslation {
        clusters = List.copyOf(clusters);
        routes = List.copyOf(routes);
        unhealthyStatus = List.copyOf(unhealthyStatus);
    }

    static List<JsonNode> clustersOf(JsonNode neutral) {
        List<JsonNode> out = new ArrayList<>();
        if (neutral.has("clusters")) {
            neutral.get("clusters").forEach(out::add);
        } else {
            out.add(neutral);
        }
        return out;
    }

    /** Every neutral setting Caddy's reverse_proxy does not have; paths relative to {@code gateway.config}. */
    public static List<Refusal> refusals(JsonNode neutral) {
        List<Refusal> no = new ArrayList<>();
        if (neutral.has("dns")) {
            no.add(new Refusal("dns", neutral.get("dns").toString(), "no dns for kind caddy: dynamic upstreams "
                    + "are not actively health-checked by Caddy, so they are not translated"));
        }
        JsonNode first = null;
        for (JsonNode c : clustersOf(neutral)) {
            refuseCluster(c, no);
            if (first == null) {
                first = c;
            } else {
                for (String key : List.of("healthCheck", "retry", "upstreamTimeout", "connectTimeout", "outlierDetection",
                        "loadBalancing")) {
                    if (!first.path(key).equals(c.path(key))) {
                        no.add(new Refusal("clusters", c.path("name").asText(), "every cluster with the same " + key
                                + " for kind caddy (this adapter renders one set of settings)"));
                        break;
                    }
                }
            }
        }
        return no;
    }

    private static void refuseCluster(JsonNode c, List<Refusal> no) {
        JsonNode hc = c.path("healthCheck");
        if (hc.path("type").asText("http").equals("tcp")) {
            no.add(new Refusal("healthCheck.type", "tcp", "http for kind caddy: Caddy's active checks are HTTP requests"));
        }
        if (hc.has("unhealthyInterval") && !hc.get("unhealthyInterval").equals(hc.path("interval"))) {
            no.add(new Refusal("healthCheck.unhealthyInterval", hc.get("unhealthyInterval").asText(), "equal to "
                    + "interval for kind caddy: one ticker checks every upstream at health_interval"));
        }
        if (hc.has("immediateFailHeader")) {
            no.add(new Refusal("healthCheck.immediateFailHeader", hc.get("immediateFailHeader").asText(),
                    "no immediateFailHeader for kind caddy: Caddy has no such header"));
        }
        if (hc.has("expectedStatuses") && expectStatus(hc.get("expectedStatuses")) == 0) {
            no.add(new Refusal("healthCheck.expectedStatuses", hc.get("expectedStatuses").toString(), "one status, "
                    + "or all of 200-299, for kind caddy: health_status takes one code or one class"));
        }
        if (c.has("dnsEndpoints") && !c.get("dnsEndpoints").isNull()) {
            no.add(new Refusal("dnsEndpoints", c.get("dnsEndpoints").toString(), "static endpoints for kind caddy: "
                    + "Caddy does not actively health-check dynamic upstreams"));
        }
        if (c.path("tls").path("enabled").asBoolean(false)) {
            no.add(new Refusal("tls", c.get("tls").toString(), "tls.enabled: false for kind caddy: upstream TLS is "
                    + "not translated by this adapter"));
        }
        Duration slow = duration(c.path("slowStart").path("window"));
        if (slow != null && !slow.isZero()) {
            no.add(new Refusal("slowStart.window", c.path("slowStart").path("window").asText(), "0ms for kind caddy: "
                    + "Caddy has no slow start"));
        }
        // panicThreshold is not refused: issue 14 asks for panic "as it is" per gateway; Caddy has none (with no
        // upstream available it answers 503, no upstreams available), and gateway-config.json says panicThreshold 0
        if (c.has("circuitBreakers")) {
            no.add(new Refusal("circuitBreakers", c.get("circuitBreakers").toString(), "no circuitBreakers for kind "
                    + "caddy: Caddy limits requests per upstream (max_requests), not per cluster"));
        }
        JsonNode r = c.path("retry");
        for (String key : List.of("backoffBase", "backoffMax", "budgetPercent", "budgetMinConcurrency")) {
            if (r.has(key)) {
                no.add(new Refusal("retry." + key, r.get(key).asText(), "no retry." + key + " for kind caddy: Caddy "
                        + "retries at a fixed lb_try_interval with no budget"));
            }
        }
        for (JsonNode on : r.path("retryOn")) {
            if (on.asText().equals("5xx") || on.asText().equals("gateway_error")) {
                no.add(new Refusal("retry.retryOn", r.get("retryOn").toString(), "connect_failure and reset only for "
                        + "kind caddy: retrying an answered request needs lb_retry_match on responses (not translated)"));
                break;
            }
        }
        Duration perTry = duration(r.path("perTryTimeout"));
        if (perTry != null && !perTry.isZero() && c.has("upstreamTimeout")) {
            no.add(new Refusal("upstreamTimeout", c.get("upstreamTimeout").asText(), "no upstreamTimeout with "
                    + "retry.perTryTimeout for kind caddy: its one limit, response_header_timeout, is per try"));
        }
        JsonNode o = c.path("outlierDetection");
        Duration base = duration(o.path("baseEjectionTime"));
        if (o.has("maxEjectionTime") && !duration(o.get("maxEjectionTime")).equals(base == null ? DEFAULT_EJECTION : base)) {
            no.add(new Refusal("outlierDetection.maxEjectionTime", o.get("maxEjectionTime").asText(), "equal to "
                    + "baseEjectionTime for kind caddy: a failure is remembered for fail_duration, never longer"));
        }
        Duration jitter = duration(o.path("ejectionJitter"));
        if (jitter != null && !jitter.isZero()) {
            no.add(new Refusal("outlierDetection.ejectionJitter", o.get("ejectionJitter").asText(), "0ms for kind caddy"));
        }
        if (o.has("maxEjectionPercent") && o.get("maxEjectionPercent").asInt() != 100) {
            no.add(new Refusal("outlierDetection.maxEjectionPercent", o.get("maxEjectionPercent").asText(), "100 for "
                    + "kind caddy: passive checks can take every upstream out"));
        }
        int c5 = o.path("consecutive5xx").asInt(0);
        int cg = o.path("consecutiveGatewayFailure").asInt(0);
        if (o.has("consecutive5xx") && o.has("consecutiveGatewayFailure") && c5 > 0 && cg > 0 && c5 != cg) {
            no.add(new Refusal("outlierDetection.consecutive5xx", String.valueOf(c5), "equal to "
                    + "consecutiveGatewayFailure (" + cg + ") for kind caddy: Caddy has one failure count (max_fails)"));
        }
    }

    static final Duration DEFAULT_EJECTION = Duration.ofSeconds(30);

    /** health_status for expectedStatuses: the one code, 2 for all of 200-299, 0 when Caddy cannot say it. */
    static int expectStatus(JsonNode statuses) {
        Set<Integer> s = new LinkedHashSet<>();
        statuses.forEach(v -> s.add(v.asInt()));
        if (s.size() == 1) {
            return s.iterator().next();
        }
        for (int code = 200; code < 300; code++) {
            if (!s.contains(code)) {
                return 0;
            }
        }
        return s.size() == 100 ? 2 : 0;
    }

    /** Translates a neutral root config; call only when {@link #refusals} is empty. */
    public static CaddyTranslation of(JsonNode neutral) {
        List<Cluster> clusters = new ArrayList<>();
        for (JsonNode c : clustersOf(neutral)) {
            List<Endpoint> eps = new ArrayList<>();
            c.path("endpoints").forEach(e -> eps.add(new Endpoint(e.path("name").asText(e.path("address").asText()),
                    e.path("address").asText(), e.path("weight").asInt(1))));
            clusters.add(new Cluster(c.path("name").asText(), eps));
        }
        List<Route> routes = new ArrayList<>();
        neutral.path("routes").forEach(r -> routes.add(new Route(r.path("host").asText("*"),
                r.path("pathPrefix").asText("/"), r.path("cluster").asText())));
        if (routes.isEmpty() && clusters.size() == 1) {
            routes.add(new Route("*", "/", clusters.get(0).name()));
        }
        JsonNode c = clustersOf(neutral).get(0);
        boolean weighted = clusters.stream().flatMap(k -> k.endpoints().stream()).map(Endpoint::weight).distinct().count() > 1;
        String policy = switch (c.path("loadBalancing").asText("round_robin")) {
            case "least_request" -> "least_conn";
            case "random" -> "random";
            // Caddy's round_robin ignores weights; ours (nginx's smooth weighted) honours them
            default -> weighted ? "weighted_round_robin" : "round_robin";
        };
        JsonNode hc = c.path("healthCheck");
        JsonNode o = c.path("outlierDetection");
        int c5 = o.path("consecutive5xx").asInt(5);
        int cg = o.path("consecutiveGatewayFailure").asInt(5);
        List<Integer> unhealthy = c5 > 0 ? List.of(5) : cg > 0 ? List.of(502, 503, 504) : List.of();
        Duration perTry = duration(c.path("retry").path("perTryTimeout"));
        Duration header = perTry != null && !perTry.isZero() ? perTry
                : orDefault(duration(c.path("upstreamTimeout")), Duration.ofSeconds(15));
        String body = hc.path("expectedBody").isTextual() ? java.util.regex.Pattern.quote(hc.get("expectedBody").asText()) : null;
        return new CaddyTranslation(clusters, routes, policy, hc.path("enabled").asBoolean(true),
                hc.path("path").asText("/health"), hc.path("host").isTextual() ? hc.get("host").asText() : null,
                orDefault(duration(hc.path("interval")), Duration.ofSeconds(1)),
                orDefault(duration(hc.path("timeout")), Duration.ofMillis(500)),
                hc.path("healthyThreshold").asInt(2), hc.path("unhealthyThreshold").asInt(3),
                hc.has("expectedStatuses") ? expectStatus(hc.get("expectedStatuses")) : 200, body,
                o.path("enabled").asBoolean(true) && (c5 > 0 || cg > 0),
                orDefault(duration(o.path("baseEjectionTime")), DEFAULT_EJECTION), c5 > 0 ? c5 : cg, unhealthy,
                c.path("retry").path("maxRetries").asInt(1),
                orDefault(duration(c.path("connectTimeout")), Duration.ofSeconds(5)), header);
    }

    private static Duration orDefault(Duration d, Duration fallback) {
        return d == null ? fallback : d;
    }

    static Duration duration(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? null : Durations.parseOrNull(node.asText());
    }
}
