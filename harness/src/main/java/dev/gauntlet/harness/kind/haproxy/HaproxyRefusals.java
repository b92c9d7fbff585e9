package dev.gauntlet.harness.kind.haproxy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.harness.kind.Refusal;
import dev.gauntlet.harness.scenario.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The neutral settings HAProxy 2.6 does not have (or this adapter does not translate), as {@link Refusal}s.
 * Only what the scenario wrote is judged: a key left out means "the gateway's own behaviour", so HAProxy's
 * (no panic routing, no outlier ejection) applies and is stated in docs/gateways/haproxy.md.
 *
 * <pre>{@code List<Refusal> no = HaproxyRefusals.of(scenarioGatewayConfig);   // [] when everything translates}</pre>
 */
final class HaproxyRefusals {

    private static final String OR_NATIVE = "; or another gateway kind";
    private static final Set<String> CLUSTER_KEYS = Set.of("name", "loadBalancing", "endpoints", "dnsEndpoints",
            "healthCheck", "retry", "upstreamTimeout", "connectTimeout", "outlierDetection", "panicThreshold",
            "circuitBreakers", "slowStart", "tls");
    private static final Set<String> HEALTH_KEYS = Set.of("enabled", "type", "path", "host", "interval",
            "unhealthyInterval", "jitter", "timeout", "unhealthyThreshold", "healthyThreshold", "expectedStatuses",
            "expectedBody", "immediateFailHeader");
    private static final Set<String> RETRY_KEYS = Set.of("maxRetries", "retryOn", "perTryTimeout", "backoffBase",
            "backoffMax", "budgetPercent", "budgetMinConcurrency");
    /** The statuses HAProxy 2.6's {@code retry-on} accepts (configuration.txt, "retry-on"). */
    static final Set<Integer> RETRYABLE_STATUSES = Set.of(401, 403, 404, 408, 425, 500, 501, 502, 503, 504);
    /** HAProxy's server weight range (configuration.txt 5.2, "weight"). */
    static final int MAX_WEIGHT = 256;

    private HaproxyRefusals() {
    }

    /** @param cluster the scenario's {@code gateway.config} (a cluster's settings, our format) */
    static List<Refusal> of(JsonNode cluster) {
        List<Refusal> out = new ArrayList<>();
        if (cluster == null || !cluster.isObject()) {
            return out;
        }
        cluster.fieldNames().forEachRemaining(k -> {
            if (!CLUSTER_KEYS.contains(k)) {
                out.add(new Refusal(k, cluster.get(k).toString(), "a cluster setting of the neutral format"));
            }
        });
        if (cluster.has("dnsEndpoints") && !cluster.get("dnsEndpoints").isNull()) {
            out.add(new Refusal("dnsEndpoints", cluster.get("dnsEndpoints").toString(),
                    "static endpoints for kind haproxy: this adapter does not translate DNS pools (HAProxy's resolvers"
                            + " + server-template) yet" + OR_NATIVE));
        }
        for (JsonNode e : cluster.path("endpoints")) {
            if (e.path("weight").asInt(1) > MAX_WEIGHT) {
                out.add(new Refusal("endpoints[].weight", e.get("weight").toString(),
                        "0-" + MAX_WEIGHT + " for kind haproxy: HAProxy server weights stop at " + MAX_WEIGHT));
            }
        }
        health(cluster.path("healthCheck"), out);
        retry(cluster.path("retry"), out);
        outlier(cluster.path("outlierDetection"), out);
        if (cluster.has("circuitBreakers")) {
            out.add(new Refusal("circuitBreakers", cluster.get("circuitBreakers").toString(),
                    "none for kind haproxy: HAProxy limits connections per server ('maxconn') and queues the rest;"
                            + " it has no per-cluster limit that answers 503 at once" + OR_NATIVE));
        }
        JsonNode slow = cluster.path("slowStart");
        if (slow.has("minWeightPercent")) {
            out.add(new Refusal("slowStart.minWeightPercent", slow.get("minWeightPercent").toString(),
                    "none for kind haproxy: HAProxy's 'slowstart' always ramps the weight from its first step"));
        }
        return out;
    }

    private static void health(JsonNode hc, List<Refusal> out) {
        if (!hc.isObject()) {
            return;
        }
        hc.fieldNames().forEachRemaining(k -> {
            if (!HEALTH_KEYS.contains(k)) {
                out.add(new Refusal("healthCheck." + k, hc.get(k).toString(), "a healthCheck setting of the neutral format"));
            }
        });
        if (hc.has("immediateFailHeader") && !hc.get("immediateFailHeader").isNull()) {
            out.add(new Refusal("healthCheck.immediateFailHeader", hc.get("immediateFailHeader").toString(),
                    "none for kind haproxy: HAProxy's http-check has no header that marks a server down at once"));
        }
        Duration interval = duration(hc, "interval", HaproxyCluster.DEFAULT_INTERVAL);
        Duration jitter = duration(hc, "jitter", Duration.ZERO);
        if (interval != null && jitter != null && !interval.isZero()
                && 50.0 * jitter.toNanos() / interval.toNanos() > HaproxyCluster.MAX_SPREAD_PERCENT) {
            out.add(new Refusal("healthCheck.jitter", hc.get("jitter").toString(), "at most interval for kind haproxy:"
                    + " HAProxy spreads checks by at most ±50% of 'inter' (global spread-checks)"));
        }
        for (JsonNode s : hc.path("expectedStatuses")) {
            if (s.asInt() < 100 || s.asInt() > 599) {
                out.add(new Refusal("healthCheck.expectedStatuses", hc.get("expectedStatuses").toString(), "HTTP statuses 100-599"));
                break;
            }
        }
    }

    private static void retry(JsonNode r, List<Refusal> out) {
        if (!r.isObject()) {
            return;
        }
        r.fieldNames().forEachRemaining(k -> {
            if (!RETRY_KEYS.contains(k)) {
                out.add(new Refusal("retry." + k, r.get(k).toString(), "a retry setting of the neutral format"));
            }
        });
        for (String k : List.of("backoffBase", "backoffMax")) {
            if (r.has(k)) {
                out.add(new Refusal("retry." + k, r.get(k).toString(), "none for kind haproxy: HAProxy retries"
                        + " on another server at once (option redispatch), with no backoff"));
            }
        }
        for (String k : List.of("budgetPercent", "budgetMinConcurrency")) {
            if (r.has(k)) {
                out.add(new Refusal("retry." + k, r.get(k).toString(), "none for kind haproxy: HAProxy has no retry budget"));
            }
        }
    }

    /**
     * HAProxy's passive mode is {@code observe layer7} + {@code error-limit} + {@code on-error mark-down}: one
     * counter of consecutive errors (5xx other than 501/505, connect errors, timeouts), so the two neutral
     * counters must agree (or one be 0).
     */
    private static void outlier(JsonNode od, List<Refusal> out) {
        if (!od.isObject() || !od.path("enabled").asBoolean(true)) {
            return;
        }
        int c5xx = od.path("consecutive5xx").asInt(HaproxyCluster.DEFAULT_ERROR_LIMIT);
        int gw = od.path("consecutiveGatewayFailure").asInt(HaproxyCluster.DEFAULT_ERROR_LIMIT);
        if (c5xx > 0 && gw > 0 && c5xx != gw) {
            out.add(new Refusal("outlierDetection", od.toString(), "consecutive5xx equal to consecutiveGatewayFailure"
                    + " (or one of them 0) for kind haproxy: 'observe layer7' has one counter of consecutive errors"));
        }
    }

    private static Duration duration(JsonNode parent, String key, Duration fallback) {
        return parent.has(key) ? Durations.parseOrNull(parent.get(key).asText()) : fallback;
    }
}
