package dev.gauntlet.harness.kind.haproxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.harness.scenario.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One neutral cluster resolved into the settings HAProxy 2.6 will run with: the neutral defaults
 * (gateway-under-test/README.md) filled in, then mapped to HAProxy's terms. The renderer writes it, the
 * effective config reports it and the detection model reads it back, so the three cannot disagree.
 *
 * <pre>{@code
 * HaproxyCluster c = HaproxyCluster.from(neutralCluster);
 * c.inter();            // 1000 ms: "inter" and "fastinter" (neutral interval)
 * c.spreadPercent();    // 5: jitter 100ms over interval 1s, as global "spread-checks"
 * }</pre>
 *
 * @param checkConnectTimeoutMs HAProxy's check connect timeout: min("timeout connect", "inter") when
 *                              "timeout check" is set (configuration.txt 4.2, "timeout check"), which it always is here
 */
record HaproxyCluster(String name, String balance, List<Server> servers, boolean checks, String checkType,
                      String path, String host, long interMs, long downInterMs, int spreadPercent, long timeoutMs,
                      int fall, int rise, List<Integer> expectedStatuses, String expectedBody, int retries,
                      List<String> retryOn, long serverTimeoutMs, long connectTimeoutMs, long slowStartMs,
                      boolean tls, String sni, boolean verify, long checkConnectTimeoutMs, int errorLimit,
                      long perTryTimeoutMs) {

    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(500);
    static final int DEFAULT_FALL = 3;
    static final int DEFAULT_RISE = 2;
    static final int DEFAULT_RETRIES = 1;
    static final Duration DEFAULT_UPSTREAM_TIMEOUT = Duration.ofSeconds(15);
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** global spread-checks accepts 0..50 (configuration.txt 3.2, "spread-checks"). */
    static final int MAX_SPREAD_PERCENT = 50;
    /** The neutral consecutive5xx / consecutiveGatewayFailure default. */
    static final int DEFAULT_ERROR_LIMIT = 5;

    /** A server line: the neutral endpoint's name, its address and weight. */
    record Server(String name, String address, int weight) {
    }

    static HaproxyCluster from(JsonNode c) {
        List<Server> servers = new ArrayList<>();
        for (JsonNode e : c.path("endpoints")) {
            String address = e.path("address").asText();
            servers.add(new Server(e.path("name").asText(address), address, e.path("weight").asInt(1)));
        }
        String balance = switch (c.path("loadBalancing").asText("round_robin")) {
            case "least_request" -> "random(2)";   // power of two choices, as our least_request
            case "random" -> "random(1)";
            default -> "roundrobin";                // smooth weighted round robin, as ours
        };
        JsonNode hc = c.path("healthCheck");
        long inter = ms(hc, "interval", DEFAULT_INTERVAL);
        long jitter = ms(hc, "jitter", Duration.ZERO);
        int spread = inter == 0 ? 0 : (int) Math.min(MAX_SPREAD_PERCENT, Math.round(50.0 * jitter / inter));
        List<Integer> statuses = new ArrayList<>();
        hc.path("expectedStatuses").forEach(s -> statuses.add(s.asInt()));
        if (statuses.isEmpty()) {
            statuses.add(200);
        }
        JsonNode retry = c.path("retry");
        List<String> retryOn = new ArrayList<>();
        if (retry.has("retryOn")) {
            retry.get("retryOn").forEach(r -> retryOn.add(r.asText()));
        } else {
            retryOn.addAll(List.of("connect_failure", "reset"));
        }
        long connect = ms(c, "connectTimeout", DEFAULT_CONNECT_TIMEOUT);
        JsonNode tls = c.path("tls");
        return new HaproxyCluster(c.path("name").asText("api"), balance, List.copyOf(servers),
                hc.path("enabled").asBoolean(true), hc.path("type").asText("http"), hc.path("path").asText("/health"),
                hc.hasNonNull("host") ? hc.get("host").asText() : null, inter,
                hc.has("unhealthyInterval") ? ms(hc, "unhealthyInterval", DEFAULT_INTERVAL) : inter, spread,
                ms(hc, "timeout", DEFAULT_TIMEOUT), hc.path("unhealthyThreshold").asInt(DEFAULT_FALL),
                hc.path("healthyThreshold").asInt(DEFAULT_RISE), List.copyOf(statuses),
                hc.hasNonNull("expectedBody") ? hc.get("expectedBody").asText() : null,
                retry.path("maxRetries").asInt(DEFAULT_RETRIES), List.copyOf(retryOn),
                ms(c, "upstreamTimeout", DEFAULT_UPSTREAM_TIMEOUT), connect, ms(c.path("slowStart"), "window", Duration.ZERO),
                tls.path("enabled").asBoolean(false), tls.hasNonNull("sni") ? tls.get("sni").asText() : null,
                tls.path("verify").asBoolean(true), Math.min(connect, inter), errorLimit(c.path("outlierDetection")),
                ms(retry, "perTryTimeout", Duration.ZERO));
    }

    /** 0 when passive detection is off (the neutral default for kind haproxy: only what the scenario asks). */
    private static int errorLimit(JsonNode od) {
        if (!od.isObject() || !od.path("enabled").asBoolean(true)) {
            return 0;
        }
        int c5xx = od.path("consecutive5xx").asInt(DEFAULT_ERROR_LIMIT);
        return c5xx > 0 ? c5xx : od.path("consecutiveGatewayFailure").asInt(DEFAULT_ERROR_LIMIT);
    }

    /** HAProxy's {@code timeout server} (per try, inactivity): the neutral perTryTimeout when set, else upstreamTimeout. */
    long timeoutServerMs() {
        return perTryTimeoutMs > 0 ? perTryTimeoutMs : serverTimeoutMs;
    }

    /** The jitter HAProxy really applies: ±spread% of inter, i.e. a window of this width around inter. */
    long jitterWindowMs() {
        return Math.round(2.0 * interMs * spreadPercent / 100.0);
    }

    /** HAProxy's {@code retry-on} keywords for the neutral {@code retryOn} list. */
    List<String> retryOnKeywords() {
        List<String> out = new ArrayList<>();
        for (String r : retryOn) {
            List<String> add = switch (r) {
                case "connect_failure" -> List.of("conn-failure");
                case "reset" -> perTryTimeoutMs > 0 ? List.of("empty-response", "response-timeout") : List.of("empty-response");
                case "5xx" -> List.of("conn-failure", "empty-response", "500", "501", "502", "503", "504");
                case "gateway_error" -> List.of("conn-failure", "empty-response", "502", "503", "504");
                default -> List.of();
            };
            add.stream().filter(k -> !out.contains(k)).forEach(out::add);
        }
        return out;
    }

    /** The neutral view of what runs, for gateway-config.json: our shape, HAProxy's own terms beside it. */
    ObjectNode effective() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode c = f.objectNode().put("name", name);
        ArrayNode eps = c.putArray("endpoints");
        servers.forEach(s -> eps.addObject().put("name", s.name()).put("address", s.address()).put("weight", s.weight()));
        ObjectNode hc = c.putObject("healthCheck").put("enabled", checks).put("type", checkType).put("path", path)
                .put("interval", interMs + "ms").put("unhealthyInterval", downInterMs + "ms")
                .put("jitter", jitterWindowMs() + "ms").put("timeout", timeoutMs + "ms")
                .put("unhealthyThreshold", fall).put("healthyThreshold", rise);
        hc.set("host", host == null ? f.nullNode() : f.textNode(host));
        expectedStatuses.forEach(hc.putArray("expectedStatuses")::add);
        hc.set("expectedBody", expectedBody == null ? f.nullNode() : f.textNode(expectedBody));
        ObjectNode od = c.putObject("outlierDetection").put("enabled", errorLimit > 0);
        if (errorLimit > 0) {
            // one counter; the ejection lasts until 'rise' checks pass (no ejection time in HAProxy)
            od.put("consecutive5xx", errorLimit).put("consecutiveGatewayFailure", errorLimit);
            od.putNull("baseEjectionTime");
        }
        c.put("panicThreshold", 0); // HAProxy never routes to a DOWN server (only to 'backup' servers)
        ObjectNode retry = c.putObject("retry").put("maxRetries", retries).put("perTryTimeout", perTryTimeoutMs + "ms");
        retryOn.forEach(retry.putArray("retryOn")::add);
        c.put("upstreamTimeout", serverTimeoutMs + "ms").put("connectTimeout", connectTimeoutMs + "ms");
        c.putObject("tls").put("enabled", tls).put("verify", verify).set("sni", sni == null ? f.nullNode() : f.textNode(sni));
        ObjectNode native_ = c.putObject("haproxy").put("balance", balance).put("inter", interMs + "ms")
                .put("fastinter", interMs + "ms").put("downinter", downInterMs + "ms").put("spreadChecksPercent", spreadPercent)
                .put("fall", fall).put("rise", rise).put("timeoutCheck", timeoutMs + "ms")
                .put("checkConnectTimeout", checkConnectTimeoutMs + "ms").put("retries", retries)
                .put("timeoutServer", timeoutServerMs() + "ms").put("slowstart", slowStartMs + "ms")
                .put("observeErrorLimit", errorLimit);
        retryOnKeywords().forEach(native_.putArray("retryOn")::add);
        return c;
    }

    /** Reads {@link #effective()} back (the detection model's input), or null when it is not one. */
    static HaproxyCluster fromEffective(JsonNode c) {
        JsonNode h = c.path("haproxy");
        JsonNode hc = c.path("healthCheck");
        if (!h.isObject() || !hc.isObject()) {
            return null;
        }
        List<Integer> statuses = new ArrayList<>();
        hc.path("expectedStatuses").forEach(s -> statuses.add(s.asInt()));
        return new HaproxyCluster(c.path("name").asText(), h.path("balance").asText(), List.of(),
                hc.path("enabled").asBoolean(true), hc.path("type").asText("http"), hc.path("path").asText(),
                hc.hasNonNull("host") ? hc.get("host").asText() : null, ms(h, "inter", DEFAULT_INTERVAL),
                ms(h, "downinter", DEFAULT_INTERVAL), h.path("spreadChecksPercent").asInt(0), ms(h, "timeoutCheck", DEFAULT_TIMEOUT),
                h.path("fall").asInt(DEFAULT_FALL), h.path("rise").asInt(DEFAULT_RISE), statuses, null,
                h.path("retries").asInt(DEFAULT_RETRIES), List.of(), ms(h, "timeoutServer", DEFAULT_UPSTREAM_TIMEOUT),
                ms(c, "connectTimeout", DEFAULT_CONNECT_TIMEOUT), ms(h, "slowstart", Duration.ZERO), false, null, true,
                ms(h, "checkConnectTimeout", DEFAULT_INTERVAL), h.path("observeErrorLimit").asInt(0), 0);
    }

    private static long ms(JsonNode parent, String key, Duration fallback) {
        Duration d = parent.hasNonNull(key) ? Durations.parseOrNull(parent.get(key).asText()) : fallback;
        return (d == null ? fallback : d).toMillis();
    }
}
