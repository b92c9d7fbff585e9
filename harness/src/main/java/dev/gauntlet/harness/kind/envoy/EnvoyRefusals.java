package dev.gauntlet.harness.kind.envoy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.harness.kind.Refusal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The neutral settings this adapter does not translate into Envoy's bootstrap, each with why. A key the
 * neutral format does not have at all is refused too, so a setting is never dropped silently.
 *
 * <pre>{@code
 * List<Refusal> no = EnvoyRefusals.of(neutral);   // [] for one-of-three-crashes
 * }</pre>
 */
final class EnvoyRefusals {

    /** Every neutral cluster key and, for objects, the keys inside it that this adapter translates. */
    private static final Map<String, Set<String>> TRANSLATED = Map.ofEntries(
            Map.entry("name", Set.of()),
            Map.entry("endpoints", Set.of()),
            Map.entry("loadBalancing", Set.of()),
            Map.entry("healthCheck", Set.of("enabled", "type", "path", "host", "interval", "unhealthyInterval",
                    "jitter", "timeout", "unhealthyThreshold", "healthyThreshold", "expectedStatuses",
                    "expectedBody", "immediateFailHeader")),
            Map.entry("retry", Set.of("maxRetries", "retryOn", "perTryTimeout", "backoffBase", "backoffMax",
                    "budgetPercent", "budgetMinConcurrency")),
            Map.entry("upstreamTimeout", Set.of()),
            Map.entry("connectTimeout", Set.of()),
            Map.entry("outlierDetection", Set.of("enabled", "consecutive5xx", "consecutiveGatewayFailure",
                    "baseEjectionTime", "maxEjectionTime", "ejectionJitter", "maxEjectionPercent")),
            Map.entry("panicThreshold", Set.of()),
            Map.entry("circuitBreakers", Set.of("maxConnections", "maxPendingRequests", "maxRequests", "maxRetries")),
            Map.entry("slowStart", Set.of("window", "minWeightPercent")),
            Map.entry("tls", Set.of("enabled", "sni", "verify")),
            // scenario-level keys the topology moves out of the cluster (routes, dns) or onto endpoints (weights)
            Map.entry("routes", Set.of()),
            Map.entry("dns", Set.of("server", "ttlFloor", "ttlMax", "errorRetry", "timeout")),
            Map.entry("weights", Set.of()));

    static final Set<String> RETRY_ON = Set.of("connect_failure", "reset", "5xx", "gateway_error");
    static final Set<String> BALANCERS = Set.of("round_robin", "weighted_round_robin", "least_request", "random");
    /** The one header name Envoy's health checker and router honour for an immediate failure. */
    static final String ENVOY_IMMEDIATE_FAIL = "x-envoy-immediate-health-check-fail";

    private EnvoyRefusals() {
    }

    /** Refusals for a whole neutral config ({@code clusters}, {@code routes}) or for one cluster's settings. */
    static List<Refusal> of(JsonNode neutral) {
        List<Refusal> out = new ArrayList<>();
        if (neutral == null || !neutral.isObject()) {
            return out;
        }
        if (neutral.has("clusters")) {
            neutral.path("clusters").forEach(c -> cluster(c, out));
            routes(neutral.path("routes"), out);
            if (neutral.has("maxRequestBodyBytes")) {
                out.add(new Refusal("maxRequestBodyBytes", neutral.get("maxRequestBodyBytes").toString(),
                        "no maxRequestBodyBytes for kind envoy: Envoy streams request bodies instead of buffering them"));
            }
        } else {
            cluster(neutral, out);
        }
        return out;
    }

    private static void cluster(JsonNode c, List<Refusal> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Set<String> inner = TRANSLATED.get(e.getKey());
            if (e.getKey().equals("dnsEndpoints") && !e.getValue().isNull()) {
                out.add(new Refusal("dnsEndpoints", e.getValue().toString(), "static endpoints for kind envoy: "
                        + "this adapter does not yet render a STRICT_DNS cluster with the scenario's resolver"));
            } else if (inner == null) {
                if (!e.getKey().equals("dnsEndpoints")) {
                    out.add(new Refusal(e.getKey(), e.getValue().toString(), "a neutral cluster setting (" + String.join(", ",
                            new java.util.TreeSet<>(TRANSLATED.keySet())) + ")"));
                }
            } else if (e.getValue().isObject()) {
                for (Iterator<String> keys = e.getValue().fieldNames(); keys.hasNext(); ) {
                    String key = keys.next();
                    if (!inner.contains(key)) {
                        out.add(new Refusal(e.getKey() + "." + key, e.getValue().get(key).toString(),
                                "one of " + new java.util.TreeSet<>(inner) + " for kind envoy"));
                    }
                }
            }
        }
        NeutralCluster n = new NeutralCluster(c);
        String lb = n.text("loadBalancing", "round_robin");
        if (!BALANCERS.contains(lb)) {
            out.add(new Refusal("loadBalancing", lb, "one of " + BALANCERS));
        }
        String type = n.text("healthCheck.type", "http");
        if (!type.equals("http") && !type.equals("tcp")) {
            out.add(new Refusal("healthCheck.type", type, "http or tcp"));
        }
        String header = n.text("healthCheck.immediateFailHeader", null);
        if (header != null && !header.equalsIgnoreCase(ENVOY_IMMEDIATE_FAIL)) {
            out.add(new Refusal("healthCheck.immediateFailHeader", header, ENVOY_IMMEDIATE_FAIL
                    + " or none: Envoy's health checker honours only its own header name"));
        }
        for (String on : n.texts("retry.retryOn", List.of())) {
            if (!RETRY_ON.contains(on)) {
                out.add(new Refusal("retry.retryOn", on, "one of " + new java.util.TreeSet<>(RETRY_ON)));
            }
        }
        if (n.has("circuitBreakers.maxRetries") && (n.has("retry.budgetPercent") || n.has("retry.budgetMinConcurrency"))) {
            out.add(new Refusal("circuitBreakers.maxRetries", n.at("circuitBreakers.maxRetries").toString(),
                    "either circuitBreakers.maxRetries or retry.budget* for kind envoy: an Envoy retry budget "
                            + "replaces its max_retries breaker, it does not add to it"));
        }
        if (n.ms("slowStart.window", 0) > 0 && lb.equals("random")) {
            out.add(new Refusal("slowStart.window", n.at("slowStart.window").toString(),
                    "0ms with loadBalancing random: Envoy has slow start for round_robin and least_request only"));
        }
        JsonNode weights = c.path("weights");
        for (int i = 0; i < weights.size(); i++) {
            if (weights.get(i).isNumber() && weights.get(i).asInt() < 1) {
                out.add(new Refusal("weights[" + i + "]", weights.get(i).toString(), ">= 1 for kind envoy: Envoy's "
                        + "load_balancing_weight must be at least 1 (a weight-0 endpoint cannot be expressed)"));
            }
        }
        routes(c.path("routes"), out);
        JsonNode endpoints = c.path("endpoints");
        for (int i = 0; i < endpoints.size(); i++) {
            JsonNode w = endpoints.get(i).path("weight");
            if (w.isNumber() && w.asInt() < 1) {
                out.add(new Refusal("weights[" + i + "]", w.toString(), ">= 1 for kind envoy: Envoy's "
                        + "load_balancing_weight must be at least 1 (a weight-0 endpoint cannot be expressed)"));
            }
        }
    }

    /**
     * What only the topology reveals (a pool found through DNS, upstream TLS without the test CA) and this
     * adapter does not render: one line each, as the gateway's validator would complain.
     */
    static List<String> unrendered(JsonNode neutral, boolean haveUpstreamCa) {
        List<String> out = new ArrayList<>();
        for (JsonNode c : neutral.path("clusters")) {
            String name = c.path("name").asText();
            if (c.has("dnsEndpoints") && !c.get("dnsEndpoints").isNull()) {
                out.add("clusters[" + name + "].dnsEndpoints: " + c.get("dnsEndpoints") + " (expected: static endpoints for "
                        + "kind envoy: this adapter does not yet render a STRICT_DNS cluster with the scenario's resolver)");
            }
            NeutralCluster n = new NeutralCluster(c);
            if (n.flag("tls.enabled", false) && n.flag("tls.verify", true) && !haveUpstreamCa) {
                out.add("clusters[" + name + "].tls.verify: true (expected: the test CA from the runtime to trust)");
            }
        }
        return out;
    }

    private static void routes(JsonNode routes, List<Refusal> out) {
        for (int i = 0; i < routes.size(); i++) {
            String host = routes.get(i).path("host").asText("*");
            if (!host.equals("*") && host.indexOf('*') > 0) {
                out.add(new Refusal("routes[" + i + "].host", host, "*, *.suffix or an exact host"));
            }
        }
    }
}
