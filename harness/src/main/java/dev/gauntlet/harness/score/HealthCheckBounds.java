package dev.gauntlet.harness.score;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The health-check timing of the scored cluster, and the detection and recovery bounds it predicts.
 *
 * <p>Scheduling (docs/CONTRACTS.md): each check starts {@code interval} (while unhealthy
 * {@code unhealthyInterval}) plus a uniform [0, jitter] after the previous check <em>ended</em>.
 * With I, Iu, J, T, U, H as below and A = {@link #ALLOWANCE_MS} per check:
 * <pre>
 * fast_fail detection  [(U−1)·I,            U·(I+J)   + U·A]
 * timeout   detection  [(U−1)·I + U·T,      U·(I+J+T) + U·A]
 * recovery             [(H−1)·Iu,           H·(Iu+J) + T + H·A]
 * </pre>
 * With passive outlier detection enabled the lower detection bound is 0 (it may eject first).
 * See harness/SCORING.md for the derivation.
 */
record HealthCheckBounds(double intervalMs, double unhealthyIntervalMs, double jitterMs, double timeoutMs,
                         int unhealthyThreshold, int healthyThreshold, boolean outlierDetection) {

    /**
     * Per-check allowance for what the scheduling model ignores: the check's own run time on loopback
     * (a refused connect or a 200 from the fake backend: ~1 ms), the lateness of the gateway's timer
     * thread and GC pauses (a few ms), and the time until the transition is stamped. 25 ms covers these
     * with margin while staying at 2.5% of a 1 s interval, so a real scheduling error (a missed jitter
     * cap, an extra interval) still falls outside the bound.
     */
    static final double ALLOWANCE_MS = 25.0;

    /** Bounds, or why there are none. Exactly one of the two is non-null. */
    record Lookup(HealthCheckBounds bounds, String reason) {
    }

    /** [low, high] ms for a fault noticed as {@code fast_fail} or {@code timeout}; null for any other kind. */
    List<Double> detection(String kind) {
        int u = unhealthyThreshold;
        double low;
        double high;
        if ("fast_fail".equals(kind)) {
            low = (u - 1) * intervalMs;
            high = u * (intervalMs + jitterMs) + u * ALLOWANCE_MS;
        } else if ("timeout".equals(kind)) {
            low = (u - 1) * intervalMs + u * timeoutMs;
            high = u * (intervalMs + jitterMs + timeoutMs) + u * ALLOWANCE_MS;
        } else {
            return null;
        }
        return List.of(outlierDetection ? 0.0 : low, high);
    }

    /** [low, high] ms from the heal until the view marks the endpoint usable again. */
    List<Double> recovery() {
        int h = healthyThreshold;
        return List.of((h - 1) * unhealthyIntervalMs,
                h * (unhealthyIntervalMs + jitterMs) + timeoutMs + h * ALLOWANCE_MS);
    }

    /** Reads the cluster's {@code healthCheck} (and {@code outlierDetection}) from the effective config. */
    static Lookup from(JsonNode config, String cluster) {
        if (config == null) {
            return new Lookup(null, "no gateway-config.json");
        }
        JsonNode clusterNode = null;
        for (JsonNode c : config.path("clusters")) {
            if (c.path("name").asText("").equals(cluster)) {
                clusterNode = c;
            }
        }
        String where = "gateway-config.json: clusters[" + cluster + "]";
        if (clusterNode == null) {
            return new Lookup(null, where + " not found");
        }
        JsonNode hc = clusterNode.path("healthCheck");
        if (!hc.isObject() || !hc.path("enabled").asBoolean(true)) {
            return new Lookup(null, where + " has no active health check");
        }
        Double interval = Durations.parseMs(hc.get("interval"));
        Double timeout = Durations.parseMs(hc.get("timeout"));
        Double unhealthyInterval = hc.has("unhealthyInterval") ? Durations.parseMs(hc.get("unhealthyInterval")) : interval;
        Double jitter = hc.has("jitter") ? Durations.parseMs(hc.get("jitter")) : Double.valueOf(0.0);
        int u = hc.path("unhealthyThreshold").asInt(0);
        int h = hc.path("healthyThreshold").asInt(0);
        String missing = interval == null ? "interval" : timeout == null ? "timeout"
                : unhealthyInterval == null ? "unhealthyInterval" : jitter == null ? "jitter"
                : u < 1 ? "unhealthyThreshold" : h < 1 ? "healthyThreshold" : null;
        if (missing != null) {
            return new Lookup(null, where + ".healthCheck." + missing + " missing or invalid");
        }
        JsonNode od = clusterNode.path("outlierDetection");
        boolean outlier = od.isObject() && od.path("enabled").asBoolean(true);
        return new Lookup(new HealthCheckBounds(interval, unhealthyInterval, jitter, timeout, u, h, outlier), null);
    }
}
