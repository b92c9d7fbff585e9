package dev.gauntlet.harness.kind.envoy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.gauntlet.harness.scenario.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One cluster of the neutral config (our gateway's format, {@code gateway-under-test/README.md}) read with
 * that format's defaults filled in, so the renderer and the bound model agree on what an absent key means.
 *
 * <pre>{@code
 * NeutralCluster c = new NeutralCluster(config.path("clusters").get(0));
 * long intervalMs = c.ms("healthCheck.interval", NeutralCluster.INTERVAL_MS);   // 1000 when absent
 * }</pre>
 */
final class NeutralCluster {

    static final long INTERVAL_MS = 1_000;
    static final long TIMEOUT_MS = 500;
    static final int UNHEALTHY_THRESHOLD = 3;
    static final int HEALTHY_THRESHOLD = 2;
    static final long UPSTREAM_TIMEOUT_MS = 15_000;
    static final long CONNECT_TIMEOUT_MS = 5_000;
    static final int PANIC_THRESHOLD = 50;

    private final JsonNode node;

    NeutralCluster(JsonNode node) {
        this.node = node == null ? MissingNode.getInstance() : node;
    }

    JsonNode node() {
        return node;
    }

    String name() {
        return node.path("name").asText("api");
    }

    /** The value at a dotted path, or a missing node. */
    JsonNode at(String dotted) {
        JsonNode n = node;
        for (String part : dotted.split("\\.")) {
            n = n.path(part);
        }
        return n;
    }

    boolean has(String dotted) {
        JsonNode n = at(dotted);
        return !n.isMissingNode() && !n.isNull();
    }

    /** A duration in milliseconds (fractions kept), the default when absent. */
    double msExact(String dotted, double defaultMs) {
        JsonNode n = at(dotted);
        if (n.isMissingNode() || n.isNull()) {
            return defaultMs;
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        Duration d = Durations.parseOrNull(n.asText());
        if (d == null) {
            throw new IllegalArgumentException(dotted + ": " + n.asText() + " (expected: " + Durations.RULE + ")");
        }
        return d.toNanos() / 1e6;
    }

    long ms(String dotted, long defaultMs) {
        return Math.round(msExact(dotted, defaultMs));
    }

    int integer(String dotted, int defaultValue) {
        JsonNode n = at(dotted);
        return n.isMissingNode() || n.isNull() ? defaultValue : n.asInt();
    }

    double decimal(String dotted, double defaultValue) {
        JsonNode n = at(dotted);
        return n.isMissingNode() || n.isNull() ? defaultValue : n.asDouble();
    }

    boolean flag(String dotted, boolean defaultValue) {
        JsonNode n = at(dotted);
        return n.isMissingNode() || n.isNull() ? defaultValue : n.asBoolean();
    }

    String text(String dotted, String defaultValue) {
        JsonNode n = at(dotted);
        return n.isMissingNode() || n.isNull() ? defaultValue : n.asText();
    }

    List<String> texts(String dotted, List<String> defaults) {
        JsonNode n = at(dotted);
        if (!n.isArray()) {
            return defaults;
        }
        List<String> out = new ArrayList<>();
        n.forEach(v -> out.add(v.asText()));
        return out;
    }

    List<Integer> integers(String dotted, List<Integer> defaults) {
        JsonNode n = at(dotted);
        if (!n.isArray()) {
            return defaults;
        }
        List<Integer> out = new ArrayList<>();
        n.forEach(v -> out.add(v.asInt()));
        return out;
    }

    boolean healthCheckEnabled() {
        return flag("healthCheck.enabled", true);
    }

    boolean outlierEnabled() {
        return flag("outlierDetection.enabled", true);
    }

    long intervalMs() {
        return ms("healthCheck.interval", INTERVAL_MS);
    }

    /** Defaults to interval, as in our gateway (and Envoy). */
    long unhealthyIntervalMs() {
        return ms("healthCheck.unhealthyInterval", intervalMs());
    }

    long jitterMs() {
        return ms("healthCheck.jitter", 0);
    }

    long timeoutMs() {
        return ms("healthCheck.timeout", TIMEOUT_MS);
    }

    int unhealthyThreshold() {
        return integer("healthCheck.unhealthyThreshold", UNHEALTHY_THRESHOLD);
    }

    int healthyThreshold() {
        return integer("healthCheck.healthyThreshold", HEALTHY_THRESHOLD);
    }

    int panicThreshold() {
        return integer("panicThreshold", PANIC_THRESHOLD);
    }

    /** Envoy's {@code Duration} JSON form: {@code 0.250s}. */
    static String protoDuration(double ms) {
        if (ms % 1000 == 0) {
            return ((long) ms / 1000) + "s";
        }
        return String.format(java.util.Locale.ROOT, "%.3fs", ms / 1000.0);
    }

    /** Parses Envoy's {@code Duration} JSON form ({@code 1s}, {@code 0.500s}) to ms; null when absent. */
    static Double fromProtoDuration(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull()) {
            return null;
        }
        String s = n.asText().trim();
        if (!s.endsWith("s")) {
            throw new IllegalArgumentException(s + " (expected: an Envoy duration like 0.5s)");
        }
        return Double.parseDouble(s.substring(0, s.length() - 1)) * 1000.0;
    }
}
