package dev.gauntlet.harness.kind.caddy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.harness.scenario.Durations;
import java.time.Duration;

/**
 * Reads the health settings back out of Caddy's JSON config (the rendered file, or {@code GET /config/} of the
 * running Caddy) into the neutral shape plus a {@code caddy} block with the native figures the bound model uses.
 * Caddy's own defaults fill what the file leaves out (healthchecks.go v2.11.9: passes and fails 1, timeout 5s;
 * max_fails 1; dial_timeout 3s).
 *
 * <pre>{@code ObjectNode effective = CaddyConfReader.effective(json);}</pre>
 */
public final class CaddyConfReader {

    private CaddyConfReader() {
    }

    public static ObjectNode effective(JsonNode caddyJson) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode().put("kind", "caddy");
        ArrayNode clusters = root.putArray("clusters");
        for (JsonNode server : caddyJson.path("apps").path("http").path("servers")) {
            for (JsonNode route : server.path("routes")) {
                for (JsonNode h : route.path("handle")) {
                    String id = h.path("@id").asText("");
                    if (h.path("handler").asText().equals("reverse_proxy") && id.startsWith(CaddyConfRenderer.ID_PREFIX)) {
                        clusters.add(cluster(id.substring(CaddyConfRenderer.ID_PREFIX.length()), h));
                    }
                }
            }
        }
        return root;
    }

    private static ObjectNode cluster(String name, JsonNode rp) {
        ObjectNode c = JsonNodeFactory.instance.objectNode().put("name", name);
        ArrayNode endpoints = c.putArray("endpoints");
        JsonNode weights = rp.path("load_balancing").path("selection_policy").path("weights");
        int i = 0;
        for (JsonNode u : rp.path("upstreams")) {
            endpoints.addObject().put("address", u.path("dial").asText())
                    .put("weight", weights.isArray() && i < weights.size() ? weights.get(i).asInt() : 1);
            i++;
        }
        String policy = rp.path("load_balancing").path("selection_policy").path("policy").asText("random");
        c.put("loadBalancing", switch (policy) {
            case "least_conn" -> "least_request";
            case "weighted_round_robin" -> "weighted_round_robin";
            case "round_robin" -> "round_robin";
            default -> policy;
        });
        JsonNode a = rp.path("health_checks").path("active");
        boolean active = a.has("uri") || a.has("path") || a.has("port");
        long intervalMs = ms(a.path("interval"), Duration.ofSeconds(30));
        long timeoutMs = ms(a.path("timeout"), Duration.ofSeconds(5));
        int passes = Math.max(1, a.path("passes").asInt(1));
        int fails = Math.max(1, a.path("fails").asInt(1));
        ObjectNode hc = c.putObject("healthCheck").put("enabled", active);
        if (active) {
            hc.put("type", "http").put("path", a.path("uri").asText(a.path("path").asText()))
                    .put("interval", intervalMs + "ms").put("unhealthyInterval", intervalMs + "ms").put("jitter", "0ms")
                    .put("timeout", timeoutMs + "ms").put("unhealthyThreshold", fails).put("healthyThreshold", passes);
            int status = a.path("expect_status").asInt(0);
            hc.putArray("expectedStatuses").add(status == 0 ? 2 : status);
            hc.put("note", "caddy: checks on a fixed-rate ticker (not after the previous check ends); fail and "
                    + "pass counts are reset only when the state flips, so failures need not be consecutive; "
                    + "expectedStatuses 2 means any 2xx");
        }
        JsonNode p = rp.path("health_checks").path("passive");
        long failDurationMs = ms(p.path("fail_duration"), Duration.ZERO);
        int maxFails = Math.max(1, p.path("max_fails").asInt(1));
        ObjectNode od = c.putObject("outlierDetection").put("enabled", failDurationMs > 0);
        boolean any5xx = false;
        for (JsonNode s : p.path("unhealthy_status")) {
            any5xx |= s.asInt() == 5 || s.asInt() == 500;
        }
        if (failDurationMs > 0) {
            od.put("consecutiveGatewayFailure", maxFails).put("consecutive5xx", any5xx ? maxFails : 0)
                    .put("baseEjectionTime", failDurationMs + "ms").put("maxEjectionTime", failDurationMs + "ms")
                    .put("ejectionJitter", "0ms").put("maxEjectionPercent", 100)
                    .put("note", "caddy: unusable while max_fails failures are less than fail_duration old (a "
                            + "sliding count, not consecutive)");
        }
        JsonNode tr = rp.path("transport");
        long dialMs = ms(tr.path("dial_timeout"), Duration.ofSeconds(3));
        long headerMs = ms(tr.path("response_header_timeout"), Duration.ZERO);
        ObjectNode retry = c.putObject("retry").put("maxRetries", rp.path("load_balancing").path("retries").asInt(0));
        retry.putArray("retryOn").add("connect_failure").add("reset");
        c.put("connectTimeout", dialMs + "ms").put("upstreamTimeout", headerMs + "ms").put("panicThreshold", 0);
        c.putObject("caddy").put("active", active).put("intervalMs", intervalMs).put("timeoutMs", timeoutMs)
                .put("passes", passes).put("fails", fails).put("passive", failDurationMs > 0)
                .put("failDurationMs", failDurationMs).put("maxFails", maxFails).put("dialTimeoutMs", dialMs)
                .put("responseHeaderTimeoutMs", headerMs);
        return c;
    }

    private static long ms(JsonNode node, Duration fallback) {
        if (node.isMissingNode() || node.isNull()) {
            return fallback.toMillis();
        }
        if (node.isNumber()) {
            return node.asLong() / 1_000_000; // caddy.Duration as a number is nanoseconds
        }
        Duration d = Durations.parseOrNull(node.asText());
        return d == null ? fallback.toMillis() : d.toMillis();
    }
}
