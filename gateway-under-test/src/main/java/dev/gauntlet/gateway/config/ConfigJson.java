package dev.gauntlet.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The effective config as JSON in the YAML's own shape (camelCase, durations as {@code "NNNms"}, every
 * default filled in): what {@code GET /admin/config} prints, and the base a {@code PUT} patch is merged
 * into before it is validated again.
 *
 * <pre>{@code
 * ObjectNode doc = ConfigJson.toJson(config);
 * GatewayConfig changed = ConfigLoader.fromTree(ConfigJson.merge(doc, patch));
 * }</pre>
 */
public final class ConfigJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ConfigJson() {
    }

    public static ObjectNode toJson(GatewayConfig c) {
        ObjectNode root = F.objectNode();
        root.putObject("listen").put("host", c.listen().host()).put("port", c.listen().port());
        ObjectNode admin = root.putObject("admin").put("host", c.admin().host()).put("port", c.admin().port());
        admin.put("token", c.admin().token() == null ? null : "***");
        admin.put("allowNonLoopback", c.admin().allowNonLoopback());
        root.putObject("accessLog").put("enabled", c.accessLog().enabled());
        ObjectNode dns = root.putObject("dns").put("server", c.dns().server());
        dns.put("ttlFloor", ms(c.dns().ttlFloor())).put("ttlMax", ms(c.dns().ttlMax()))
                .put("errorRetry", ms(c.dns().errorRetry())).put("timeout", ms(c.dns().timeout()));
        root.put("maxRequestBodyBytes", c.maxRequestBodyBytes());
        ArrayNode routes = root.putArray("routes");
        for (RouteConfig r : c.routes()) {
            routes.addObject().put("host", r.host()).put("pathPrefix", r.pathPrefix()).put("cluster", r.cluster());
        }
        ArrayNode clusters = root.putArray("clusters");
        for (ClusterConfig k : c.clusters()) {
            clusters.add(cluster(k));
        }
        return root;
    }

    static ObjectNode cluster(ClusterConfig k) {
        ObjectNode n = F.objectNode().put("name", k.name()).put("loadBalancing", k.loadBalancing().id());
        ArrayNode eps = n.putArray("endpoints");
        for (EndpointConfig e : k.endpoints()) {
            eps.addObject().put("name", e.name()).put("address", e.address()).put("weight", e.weight());
        }
        if (k.dnsEndpoints() != null) {
            n.putObject("dnsEndpoints").put("hostname", k.dnsEndpoints().hostname())
                    .put("port", k.dnsEndpoints().port()).put("weight", k.dnsEndpoints().weight());
        }
        HealthCheckConfig h = k.healthCheck();
        ObjectNode hc = n.putObject("healthCheck").put("enabled", h.enabled()).put("type", h.type().id())
                .put("path", h.path()).put("host", h.host()).put("interval", ms(h.interval()))
                .put("unhealthyInterval", ms(h.unhealthyInterval())).put("jitter", ms(h.jitter()))
                .put("timeout", ms(h.timeout())).put("unhealthyThreshold", h.unhealthyThreshold())
                .put("healthyThreshold", h.healthyThreshold());
        h.expectedStatuses().forEach(hc.putArray("expectedStatuses")::add);
        hc.put("expectedBody", h.expectedBody()).put("immediateFailHeader", h.immediateFailHeader());
        RetryConfig r = k.retry();
        ObjectNode retry = n.putObject("retry").put("maxRetries", r.maxRetries());
        ArrayNode on = retry.putArray("retryOn");
        for (RetryOn x : RetryOn.values()) {
            if (r.retryOn().contains(x)) {
                on.add(x.id());
            }
        }
        retry.put("perTryTimeout", ms(r.perTryTimeout())).put("backoffBase", ms(r.backoffBase()))
                .put("backoffMax", ms(r.backoffMax())).put("budgetPercent", r.budgetPercent())
                .put("budgetMinConcurrency", r.budgetMinConcurrency());
        n.put("upstreamTimeout", ms(k.upstreamTimeout())).put("connectTimeout", ms(k.connectTimeout()));
        OutlierConfig o = k.outlierDetection();
        n.putObject("outlierDetection").put("enabled", o.enabled()).put("consecutive5xx", o.consecutive5xx())
                .put("consecutiveGatewayFailure", o.consecutiveGatewayFailure())
                .put("baseEjectionTime", ms(o.baseEjectionTime())).put("maxEjectionTime", ms(o.maxEjectionTime()))
                .put("ejectionJitter", ms(o.ejectionJitter())).put("maxEjectionPercent", o.maxEjectionPercent());
        n.put("panicThreshold", k.panicThreshold());
        BreakerConfig b = k.circuitBreakers();
        n.putObject("circuitBreakers").put("maxConnections", b.maxConnections())
                .put("maxPendingRequests", b.maxPendingRequests()).put("maxRequests", b.maxRequests())
                .put("maxRetries", b.maxRetries());
        n.putObject("slowStart").put("window", ms(k.slowStart().window()))
                .put("minWeightPercent", k.slowStart().minWeightPercent());
        n.putObject("tls").put("enabled", k.tls().enabled()).put("sni", k.tls().sni()).put("verify", k.tls().verify());
        return n;
    }

    /**
     * Deep merge: objects merge key by key, anything else (arrays included) replaces. Clusters are
     * merged by {@code name} so a patch can name just the one it changes.
     */
    public static JsonNode merge(JsonNode base, JsonNode patch) {
        if (!(base instanceof ObjectNode b) || !(patch instanceof ObjectNode p)) {
            return patch.deepCopy();
        }
        ObjectNode out = b.deepCopy();
        Iterator<Map.Entry<String, JsonNode>> it = p.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode old = out.get(e.getKey());
            if (e.getKey().equals("clusters") && old instanceof ArrayNode oldList && e.getValue() instanceof ArrayNode) {
                out.set("clusters", mergeByName(oldList, (ArrayNode) e.getValue()));
            } else if (old != null && old.isObject() && e.getValue().isObject()) {
                out.set(e.getKey(), merge(old, e.getValue()));
            } else {
                out.set(e.getKey(), e.getValue().deepCopy());
            }
        }
        return out;
    }

    private static ArrayNode mergeByName(ArrayNode base, ArrayNode patch) {
        ArrayNode out = base.deepCopy();
        for (JsonNode pc : patch) {
            String name = pc.path("name").asText(null);
            boolean found = false;
            for (int i = 0; i < out.size(); i++) {
                if (name != null && name.equals(out.get(i).path("name").asText(null))) {
                    out.set(i, merge(out.get(i), pc));
                    found = true;
                }
            }
            if (!found) {
                out.add(pc.deepCopy());
            }
        }
        return out;
    }

    private static String ms(java.time.Duration d) {
        return Durations.format(d);
    }
}
