package dev.gauntlet.harness.kind.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.harness.kind.DetectionModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The bounds of our own gateway (gateway-under-test): one for its active checks, scheduled as docs/CONTRACTS.md
 * states (ActiveHealthChecker), and one for its passive outlier detection, predicted from the run's load
 * (OutlierDetector, LoadBalancer, UpstreamExchange). harness/SCORING.md derives both.
 *
 * <pre>{@code
 * DetectionModel model = new BuiltinDetectionModel();
 * List<Bound> bounds = model.detection(config, "api", Noticed.FAST_FAIL, new RunContext(200, 3));
 * // [ACTIVE_CHECK [2000, 3075] ms, OUTLIER_EJECTION [15, 100] ms]
 * }</pre>
 *
 * Active checks, with I, Iu, J, T, U, H from the cluster's {@code healthCheck} and A = {@link #ALLOWANCE_MS}
 * per check:
 * <pre>
 * fast_fail detection  [(U−1)·I,            U·(I+J)   + U·A]
 * timeout   detection  [(U−1)·I + U·T,      U·(I+J+T) + U·A]
 * recovery             [(H−1)·Iu,           H·(Iu+J) + T + H·A]
 * </pre>
 * Passive ejection: see {@link PassiveBound}.
 */
public final class BuiltinDetectionModel implements DetectionModel {

    /**
     * Per-check allowance for what the scheduling model ignores: the check's own run time on loopback (a refused
     * connect or a 200 from the fake backend: ~1 ms), the lateness of the gateway's timer thread and GC pauses (a
     * few ms), and the time until the transition is stamped. 25 ms covers these with margin while staying at 2.5%
     * of a 1 s interval, so a real scheduling error (a missed jitter cap, an extra interval) still falls outside.
     */
    public static final double ALLOWANCE_MS = 25.0;

    @Override
    public List<Bound> detection(JsonNode effectiveConfig, String cluster, Noticed noticed, RunContext run) {
        if (noticed == Noticed.NONE) {
            return List.of();
        }
        JsonNode c = cluster(effectiveConfig, cluster);
        String missing = c == null ? where(effectiveConfig, cluster) : null;
        List<Bound> out = new ArrayList<>();
        out.add(missing != null ? none(Mechanism.ACTIVE_CHECK, missing) : activeDetection(c, noticed));
        out.add(missing != null ? none(Mechanism.OUTLIER_EJECTION, missing) : PassiveBound.detection(c, noticed, run));
        return List.copyOf(out);
    }

    @Override
    public List<Bound> recovery(JsonNode effectiveConfig, String cluster, RunContext run) {
        JsonNode c = cluster(effectiveConfig, cluster);
        if (c == null) {
            String why = where(effectiveConfig, cluster);
            return List.of(none(Mechanism.ACTIVE_CHECK, why), none(Mechanism.OUTLIER_EJECTION, why));
        }
        Active a = Active.of(c);
        Bound active;
        if (a.reason != null) {
            active = none(Mechanism.ACTIVE_CHECK, a.reason);
        } else {
            double low = (a.h - 1) * a.iu;
            double high = a.h * (a.iu + a.j) + a.t + a.h * ALLOWANCE_MS;
            active = new Bound(Mechanism.ACTIVE_CHECK, low, high, String.format(Locale.ROOT,
                    "active checks: [(H−1)·Iu, H·(Iu+J) + T + H·A] with Iu=%s J=%s T=%s H=%d A=%s",
                    ms(a.iu), ms(a.j), ms(a.t), a.h, ms(ALLOWANCE_MS)), null);
        }
        return List.of(active, PassiveBound.recovery(c, a.reason == null ? a : null));
    }

    private Bound activeDetection(JsonNode c, Noticed noticed) {
        Active a = Active.of(c);
        if (a.reason != null) {
            return none(Mechanism.ACTIVE_CHECK, a.reason);
        }
        int u = a.u;
        double d = noticed == Noticed.TIMEOUT ? a.t : 0; // one check's own run time: ~0 refused, T timed out
        double low = (u - 1) * a.i + u * d;
        double high = u * (a.i + a.j + d) + u * ALLOWANCE_MS;
        String formula = noticed == Noticed.TIMEOUT ? "[(U−1)·I + U·T, U·(I+J+T) + U·A]" : "[(U−1)·I, U·(I+J) + U·A]";
        return new Bound(Mechanism.ACTIVE_CHECK, low, high, String.format(Locale.ROOT,
                "active checks: %s with I=%s J=%s T=%s U=%d A=%s", formula, ms(a.i), ms(a.j), ms(a.t), u,
                ms(ALLOWANCE_MS)), null);
    }

    /** The active-check settings of a cluster, or why there are none. Durations in ms. */
    record Active(double i, double iu, double j, double t, int u, int h, String reason) {
        static Active of(JsonNode c) {
            JsonNode hc = c.path("healthCheck");
            String where = "gateway-config.json: clusters[" + c.path("name").asText() + "]";
            if (!hc.isObject() || !hc.path("enabled").asBoolean(true)) {
                return new Active(0, 0, 0, 0, 0, 0, where + " has no active health check");
            }
            Double interval = ms(hc.get("interval"));
            Double timeout = ms(hc.get("timeout"));
            Double unhealthyInterval = hc.has("unhealthyInterval") ? ms(hc.get("unhealthyInterval")) : interval;
            Double jitter = hc.has("jitter") ? ms(hc.get("jitter")) : Double.valueOf(0.0);
            int u = hc.path("unhealthyThreshold").asInt(0);
            int h = hc.path("healthyThreshold").asInt(0);
            String missing = interval == null ? "interval" : timeout == null ? "timeout"
                    : unhealthyInterval == null ? "unhealthyInterval" : jitter == null ? "jitter"
                    : u < 1 ? "unhealthyThreshold" : h < 1 ? "healthyThreshold" : null;
            if (missing != null) {
                return new Active(0, 0, 0, 0, 0, 0, where + ".healthCheck." + missing + " missing or invalid");
            }
            return new Active(interval, unhealthyInterval, jitter, timeout, u, h, null);
        }
    }

    static Bound none(Mechanism m, String reason) {
        return new Bound(m, null, null, null, reason);
    }

    private static JsonNode cluster(JsonNode config, String cluster) {
        if (config == null) {
            return null;
        }
        for (JsonNode c : config.path("clusters")) {
            if (c.path("name").asText("").equals(cluster)) {
                return c;
            }
        }
        return null;
    }

    private static String where(JsonNode config, String cluster) {
        return config == null ? "no gateway-config.json" : "gateway-config.json: clusters[" + cluster + "] not found";
    }

    /**
     * A duration of the config: a string like {@code 250ms}, {@code 1s}, {@code 1.5s}, {@code 2m}, or a plain
     * number of ms; null when it is neither.
     */
    static Double ms(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isNumber()) {
            return node.asDouble() >= 0 ? node.asDouble() : null;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(us|ms|s|m|h)?")
                .matcher(node.asText("").trim());
        if (!node.isTextual() || !m.matches()) {
            return null;
        }
        double v = Double.parseDouble(m.group(1));
        String unit = m.group(2);
        if (unit == null) {
            return v == 0 ? 0.0 : null;
        }
        return switch (unit) {
            case "us" -> v / 1000.0;
            case "ms" -> v;
            case "s" -> v * 1000.0;
            case "m" -> v * 60_000.0;
            default -> v * 3_600_000.0;
        };
    }

    static String ms(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%d ms", (long) v) : String.format(Locale.ROOT, "%.1f ms", v);
    }
}
