package dev.gauntlet.harness.kind.envoy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.harness.kind.DetectionModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Envoy 1.40's documented and coded active health-check scheduling, as bounds. Sources:
 * {@code source/extensions/health_checkers/common/health_checker_base_impl.cc} —
 * {@code HealthCheckerImplBase::interval} (the next check is armed when the previous one ends; the wait is
 * {@code interval} after a pass on a healthy host, {@code unhealthy_edge_interval} after a failure that has not
 * yet flipped the host, {@code unhealthy_interval} after a failure on an unhealthy host,
 * {@code healthy_edge_interval} after a pass that has not yet flipped it, {@code no_traffic_interval} while
 * the cluster has carried no traffic; plus {@code random() % interval_jitter}, i.e. U[0, J)),
 * {@code ActiveHealthCheckSession::setUnhealthy} (a NETWORK or NETWORK_TIMEOUT failure counts towards
 * {@code unhealthy_threshold}; any other failure — an HTTP status outside {@code expected_statuses} that is not
 * in {@code retriable_statuses} — marks the host unhealthy at once), {@code onIntervalBase}/{@code onTimeoutBase}
 * (a check times out {@code timeout} after it starts); and the API reference for
 * {@code config.core.v3.HealthCheck} (no_traffic_interval "defaults to 60 s").
 *
 * <p>With I interval, E unhealthy_edge_interval, I' unhealthy_interval, He healthy_edge_interval, J jitter,
 * T timeout, U unhealthy_threshold, H healthy_threshold (the bootstrap sets E = I and He = I', so these reduce
 * to our gateway's formulas except for the immediate status failure):
 * <pre>
 *   refused / reset     (U−1)·E              ≤ TTD ≤ (I+J) + (U−1)·(E+J)
 *   non-expected status 0                    ≤ TTD ≤ I+J                      (one check, at once)
 *   fast_fail (either)  0                    ≤ TTD ≤ (I+J) + (U−1)·(E+J)      (the timeline cannot tell them apart)
 *   timeout             U·T + (U−1)·E        ≤ TTD ≤ (I+J) + U·T + (U−1)·(E+J)
 *   recovery            (H−1)·He             ≤ TTR ≤ T + (I'+J) + (H−1)·(He+J)  (a check in flight at the heal may still fail)
 * </pre>
 * Outlier ejection (consecutive_5xx / consecutive_gateway_failure) happens on the N-th consecutive failure
 * routed to the host, which depends on how Envoy's per-worker balancers spread the load: no bound, an estimate.
 *
 * <pre>{@code
 * List<Bound> b = new EnvoyDetectionModel().detection(effective, "api", Noticed.FAST_FAIL, new RunContext(200, 3));
 * }</pre>
 */
final class EnvoyDetectionModel implements DetectionModel {

    @Override
    public List<Bound> detection(JsonNode effectiveConfig, String cluster, Noticed noticed, RunContext run) {
        JsonNode c = cluster(effectiveConfig, cluster);
        List<Bound> out = new ArrayList<>();
        if (c == null) {
            out.add(new Bound(Mechanism.UNKNOWN, null, null, "", "cluster " + cluster + " is not in the effective config"));
            return out;
        }
        JsonNode hc = c.path("healthCheck");
        if (hc.path("enabled").asBoolean(false)) {
            double i = ms(hc, "interval");
            double e = ms(c.path("envoy"), "unhealthyEdgeInterval", i);
            double j = ms(hc, "jitter");
            double t = ms(hc, "timeout");
            int u = hc.path("unhealthyThreshold").asInt();
            boolean immediate = c.path("envoy").path("immediateFailOnStatus").asBoolean(false);
            String figures = String.format(Locale.ROOT, "I=%.0fms E=%.0fms J=%.0fms T=%.0fms U=%d", i, e, j, t, u);
            switch (noticed) {
                case FAST_FAIL -> {
                    double low = immediate ? 0 : (u - 1) * e;
                    double high = (i + j) + (u - 1) * (e + j);
                    out.add(new Bound(Mechanism.ACTIVE_CHECK, low, high, (immediate
                            ? "refused: (U-1)*E .. (I+J)+(U-1)*(E+J); a non-expected status fails at once: 0 .. I+J; "
                            + "fast_fail covers both: 0 .. (I+J)+(U-1)*(E+J)" : "(U-1)*E .. (I+J)+(U-1)*(E+J)")
                            + " with " + figures, null));
                }
                case TIMEOUT -> out.add(new Bound(Mechanism.ACTIVE_CHECK, u * t + (u - 1) * e,
                        (i + j) + u * t + (u - 1) * (e + j), "U*T+(U-1)*E .. (I+J)+U*T+(U-1)*(E+J) with " + figures, null));
                case NONE -> out.add(new Bound(Mechanism.ACTIVE_CHECK, null, null, figures,
                        "the fault is not one active checks can notice"));
            }
        }
        JsonNode od = c.path("outlierDetection");
        if (od.path("enabled").asBoolean(false) && noticed != Noticed.NONE) {
            int n = firstPositive(od.path("consecutiveGatewayFailure").asInt(), od.path("consecutive5xx").asInt());
            if (n > 0) {
                int k = Math.max(1, run.usableEndpoints());
                double estimate = run.requestRatePerSec() > 0 ? n * k * 1000.0 / run.requestRatePerSec() : Double.NaN;
                out.add(new Bound(Mechanism.OUTLIER_EJECTION, null, null,
                        String.format(Locale.ROOT, "about N*k/r = %d*%d/%.0f per s = %.0f ms", n, k,
                                run.requestRatePerSec(), estimate),
                        "Envoy ejects on the N-th consecutive failure routed to the host; how often it is picked "
                                + "depends on each of its 2 workers' own balancer, so no bound is claimed"));
            }
        }
        return out;
    }

    @Override
    public List<Bound> recovery(JsonNode effectiveConfig, String cluster, RunContext run) {
        JsonNode c = cluster(effectiveConfig, cluster);
        List<Bound> out = new ArrayList<>();
        if (c == null) {
            out.add(new Bound(Mechanism.UNKNOWN, null, null, "", "cluster " + cluster + " is not in the effective config"));
            return out;
        }
        JsonNode hc = c.path("healthCheck");
        if (hc.path("enabled").asBoolean(false)) {
            double iu = ms(hc, "unhealthyInterval");
            double he = ms(c.path("envoy"), "healthyEdgeInterval", iu);
            double j = ms(hc, "jitter");
            double t = ms(hc, "timeout");
            int h = hc.path("healthyThreshold").asInt();
            out.add(new Bound(Mechanism.ACTIVE_CHECK, (h - 1) * he, t + (iu + j) + (h - 1) * (he + j),
                    String.format(Locale.ROOT, "(H-1)*He .. T+(I'+J)+(H-1)*(He+J) with I'=%.0fms He=%.0fms J=%.0fms "
                            + "T=%.0fms H=%d", iu, he, j, t, h), null));
        }
        JsonNode od = c.path("outlierDetection");
        if (od.path("enabled").asBoolean(false)) {
            out.add(new Bound(Mechanism.OUTLIER_EJECTION, null, null, String.format(Locale.ROOT,
                    "ejection lasts base_ejection_time*n (%s*n) + U[0,%s], checked every %s",
                    od.path("baseEjectionTime").asText(), od.path("ejectionJitter").asText(),
                    c.path("envoy").path("outlierInterval").asText("10000ms")),
                    "an ejection ends on Envoy's outlier sweep after base_ejection_time*n from the ejection (or at the "
                            + "next passing active check), not at a time set by the heal"));
        }
        return out;
    }

    private static JsonNode cluster(JsonNode effective, String name) {
        for (JsonNode c : effective.path("clusters")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        return null;
    }

    private static int firstPositive(int a, int b) {
        return a > 0 && b > 0 ? Math.min(a, b) : Math.max(a, b);
    }

    private static double ms(JsonNode n, String key) {
        return ms(n, key, 0);
    }

    private static double ms(JsonNode n, String key, double defaultMs) {
        JsonNode v = n.path(key);
        if (v.isMissingNode() || v.isNull()) {
            return defaultMs;
        }
        java.time.Duration d = dev.gauntlet.harness.scenario.Durations.parseOrNull(v.asText());
        return d == null ? defaultMs : d.toNanos() / 1e6;
    }
}
