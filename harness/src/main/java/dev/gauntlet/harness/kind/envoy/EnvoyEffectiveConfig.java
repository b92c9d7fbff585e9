package dev.gauntlet.harness.kind.envoy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The health-check and outlier settings Envoy runs with, read back from its own cluster config (the admin
 * {@code /config_dump} static clusters, or the rendered bootstrap when Envoy cannot be asked) into the neutral
 * shape of {@code gateway-config.json}, plus an {@code envoy} object with what the neutral format has no key
 * for but the bound model needs (no-traffic and edge intervals, the outlier sweep interval, and that a
 * non-expected status fails a host at once).
 *
 * <pre>{@code
 * ObjectNode neutral = EnvoyEffectiveConfig.fromClusters(bootstrap.path("static_resources").path("clusters"));
 * }</pre>
 */
final class EnvoyEffectiveConfig {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private EnvoyEffectiveConfig() {
    }

    /** From a {@code /config_dump} answer: its ClustersConfigDump's static clusters; null when it has none. */
    static ObjectNode fromConfigDump(JsonNode dump) {
        for (JsonNode c : dump.path("configs")) {
            if (c.path("@type").asText().endsWith("ClustersConfigDump")) {
                com.fasterxml.jackson.databind.node.ArrayNode clusters = F.arrayNode();
                c.path("static_clusters").forEach(s -> clusters.add(s.path("cluster")));
                return clusters.isEmpty() ? null : fromClusters(clusters);
            }
        }
        return null;
    }

    /** From Envoy cluster objects (proto JSON, as in the bootstrap and the config dump). */
    static ObjectNode fromClusters(JsonNode clusters) {
        ObjectNode root = F.objectNode();
        com.fasterxml.jackson.databind.node.ArrayNode out = root.putArray("clusters");
        for (JsonNode c : clusters) {
            ObjectNode n = out.addObject().put("name", c.path("name").asText());
            ObjectNode envoy = F.objectNode();
            JsonNode hc = c.path("health_checks").path(0);
            ObjectNode h = n.putObject("healthCheck").put("enabled", !hc.isMissingNode());
            if (!hc.isMissingNode()) {
                h.put("type", hc.has("tcp_health_check") ? "tcp" : "http");
                if (hc.has("http_health_check")) {
                    h.put("path", hc.path("http_health_check").path("path").asText());
                    com.fasterxml.jackson.databind.node.ArrayNode statuses = h.putArray("expectedStatuses");
                    for (JsonNode r : hc.path("http_health_check").path("expected_statuses")) {
                        for (int s = r.path("start").asInt(); s < r.path("end").asInt(); s++) {
                            statuses.add(s);
                        }
                    }
                    if (statuses.isEmpty()) {
                        statuses.add(200); // Envoy's default when none are listed
                    }
                }
                double interval = ms(hc.path("interval"), 0);
                h.put("interval", text(interval));
                h.put("unhealthyInterval", text(ms(hc.path("unhealthy_interval"), interval)));
                h.put("jitter", text(ms(hc.path("interval_jitter"), 0)));
                h.put("timeout", text(ms(hc.path("timeout"), 0)));
                h.put("unhealthyThreshold", hc.path("unhealthy_threshold").asInt());
                h.put("healthyThreshold", hc.path("healthy_threshold").asInt());
                double noTraffic = ms(hc.path("no_traffic_interval"), 60_000);
                envoy.put("noTrafficInterval", text(noTraffic));
                envoy.put("unhealthyEdgeInterval", text(ms(hc.path("unhealthy_edge_interval"),
                        ms(hc.path("unhealthy_interval"), interval))));
                envoy.put("healthyEdgeInterval", text(ms(hc.path("healthy_edge_interval"), interval)));
                envoy.put("initialJitter", text(ms(hc.path("initial_jitter"), 0)));
                // HttpHealthCheckerImpl: a status outside expected_statuses (and not in retriable_statuses) is
                // an ACTIVE failure, which setUnhealthy() applies at once, whatever unhealthy_threshold says
                envoy.put("immediateFailOnStatus", h.path("type").asText().equals("http")
                        && hc.path("http_health_check").path("retriable_statuses").isEmpty());
            }
            JsonNode od = c.path("outlier_detection");
            ObjectNode o = n.putObject("outlierDetection").put("enabled", !od.isMissingNode());
            if (!od.isMissingNode()) {
                o.put("consecutive5xx", od.path("enforcing_consecutive_5xx").asInt(100) == 0 ? 0
                        : od.path("consecutive_5xx").asInt(5));
                o.put("consecutiveGatewayFailure", od.path("enforcing_consecutive_gateway_failure").asInt(0) == 0 ? 0
                        : od.path("consecutive_gateway_failure").asInt(5));
                o.put("baseEjectionTime", text(ms(od.path("base_ejection_time"), 30_000)));
                o.put("maxEjectionTime", text(ms(od.path("max_ejection_time"), 300_000)));
                o.put("ejectionJitter", text(ms(od.path("max_ejection_time_jitter"), 0)));
                o.put("maxEjectionPercent", od.path("max_ejection_percent").asInt(10));
                envoy.put("outlierInterval", text(ms(od.path("interval"), 10_000)));
            }
            n.put("panicThreshold", c.path("common_lb_config").path("healthy_panic_threshold").path("value").asDouble(50));
            n.set("envoy", envoy);
        }
        return root;
    }

    private static double ms(JsonNode d, double defaultMs) {
        Double v = NeutralCluster.fromProtoDuration(d);
        return v == null ? defaultMs : v;
    }

    /** Whole milliseconds, as our gateway's /admin/config writes durations. */
    private static String text(double ms) {
        return Math.round(ms) + "ms";
    }
}
