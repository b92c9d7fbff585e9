package dev.gauntlet.harness.kind.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.harness.kind.DetectionModel.Bound;
import dev.gauntlet.harness.kind.DetectionModel.Mechanism;
import dev.gauntlet.harness.kind.DetectionModel.Noticed;
import dev.gauntlet.harness.kind.DetectionModel.RunContext;
import java.util.Locale;
import org.apache.commons.math3.distribution.PascalDistribution;

/**
 * When our gateway's passive outlier detection ejects a failed endpoint, predicted from the run: the time until
 * C tries have failed on it. What counts is read from the gateway's code:
 * <ul>
 *   <li>OutlierDetector: a refused, reset or timed-out try is a "gateway failure"; C consecutive ones
 *       ({@code consecutiveGatewayFailure}) eject at once, unless the endpoint is the last usable one.</li>
 *   <li>UpstreamExchange: a try counts when it ends: a refused connect at once, a silent endpoint only when the
 *       connect timeout ({@code connectTimeout}) or the try's timeout fires (the per-try timeout, else the
 *       request's {@code upstreamTimeout}). A retried request's first try counts; its retry never goes to an
 *       endpoint it already tried, so retries add no tries to the failed endpoint.</li>
 *   <li>LoadBalancer: round robin (smooth weighted, equal weights) gives the failed endpoint every n-th first try
 *       among n usable endpoints; random gives each try to it with p = 1/n; least request (two random choices,
 *       fewer in flight wins, ties to the first) with p between 1/n² (its tries pile up, a silent endpoint) and
 *       (2n−1)/n² (it answers faster than the others).</li>
 *   <li>Gatling's {@code constantUsersPerSec} spaces arrivals evenly, 1/λ apart.</li>
 * </ul>
 * With the run's recorded requests ({@link RunContext#arrivals()}, as scoring passes them) the k range is mapped onto
 * them by {@link ObservedPassiveBound}, which also holds the round-robin range that retries really allow. Without them
 * (a caller with only a rate) the older model below stands: evenly spaced arrivals, and round robin taken as
 * k ∈ [(C−1)·n + 1, C·n] (it ignores the turns a retry's pick moves), sent in [(k−1)/λ, k/λ]. Random and least request take the central {@link #COVERAGE} of
 * the negative binomial (commons-math3 {@link PascalDistribution}): k = C + F, F the tries elsewhere before the C-th
 * hit. One try in flight at the effect may fail too, so the lower end counts only C−1 tries after it. To each end
 * the time a failing try takes (d: 0 for fast_fail; for timeout [min(connect, try timeout), try timeout]) is added,
 * and {@link #ALLOWANCE_MS} once to the upper end.
 *
 * <pre>{@code Bound b = PassiveBound.detection(clusterNode, Noticed.FAST_FAIL, new RunContext(200, 3));}</pre>
 */
final class PassiveBound {

    /** The share of the negative binomial a random or least-request bound covers (its 0.5% to 99.5% quantiles). */
    static final double COVERAGE = 0.99;

    /**
     * Once per ejection: the loopback I/O of the C-th failing try, event-loop lateness and GC (a few ms), and the
     * time until the transition is stamped. The ejection itself happens on the failing try's own thread.
     */
    static final double ALLOWANCE_MS = 25.0;

    // the gateway's defaults (gateway-under-test ClusterConfig, OutlierConfig, RetryConfig), for a field left out
    private static final int DEFAULT_CONSECUTIVE_GATEWAY_FAILURE = 5;
    private static final double DEFAULT_CONNECT_TIMEOUT_MS = 5000;
    private static final double DEFAULT_UPSTREAM_TIMEOUT_MS = 15000;
    private static final double DEFAULT_MAX_EJECTION_MS = 300_000;

    private PassiveBound() {
    }

    static Bound detection(JsonNode cluster, Noticed noticed, RunContext run) {
        String disabled = disabled(cluster);
        if (disabled != null) {
            return BuiltinDetectionModel.none(Mechanism.OUTLIER_EJECTION, disabled);
        }
        JsonNode od = cluster.path("outlierDetection");
        int c = od.path("consecutiveGatewayFailure").asInt(DEFAULT_CONSECUTIVE_GATEWAY_FAILURE);
        if (c <= 0) {
            return BuiltinDetectionModel.none(Mechanism.OUTLIER_EJECTION,
                    "outlierDetection.consecutiveGatewayFailure is 0: refused and timed-out tries are not counted");
        }
        int n = run == null ? 0 : run.usableEndpoints();
        double rate = run == null ? 0 : run.requestRatePerSec();
        if (n <= 1) {
            return BuiltinDetectionModel.none(Mechanism.OUTLIER_EJECTION, n + " usable endpoint(s) at the fault:"
                    + " the gateway never ejects the last usable endpoint");
        }
        String lb = cluster.path("loadBalancing").asText("round_robin");
        double[] d = tryDuration(cluster, noticed);
        if (run.arrivals() != null) {
            return ObservedPassiveBound.detection(lb, c, n, d, run.arrivals());
        }
        if (!(rate > 0)) {
            return BuiltinDetectionModel.none(Mechanism.OUTLIER_EJECTION, "no load rate known for the run");
        }
        double gapMs = 1000.0 / rate;
        double lowRequests;
        double highRequests;
        String how;
        switch (lb) {
            case "round_robin", "weighted_round_robin" -> {
                lowRequests = Math.max(0, c - 2) * (double) n;
                highRequests = (double) c * n;
                how = String.format(Locale.ROOT, "round robin: the C-th try to it is request (C−1)·n+1 .. C·n, one try"
                        + " in flight at the effect may count (low (C−2)·n/λ, high C·n/λ)");
            }
            case "random" -> {
                double p = 1.0 / n;
                lowRequests = Math.max(0, c - 2 + quantile(c - 1, p, (1 - COVERAGE) / 2));
                highRequests = c + quantile(c, p, 1 - (1 - COVERAGE) / 2);
                how = String.format(Locale.ROOT, "random, p = 1/n: C + negative binomial(C, p), central %.0f%%",
                        COVERAGE * 100);
            }
            case "least_request" -> {
                double pLow = 1.0 / ((double) n * n);
                double pHigh = Math.min(1.0, (2.0 * n - 1) / ((double) n * n));
                lowRequests = Math.max(0, c - 2 + quantile(c - 1, pHigh, (1 - COVERAGE) / 2));
                highRequests = c + quantile(c, pLow, 1 - (1 - COVERAGE) / 2);
                how = String.format(Locale.ROOT, "least request, p in [1/n², (2n−1)/n²] = [%.3f, %.3f]: C + negative"
                        + " binomial(C, p), central %.0f%%", pLow, pHigh, COVERAGE * 100);
            }
            default -> {
                return BuiltinDetectionModel.none(Mechanism.OUTLIER_EJECTION, "loadBalancing " + lb + " is not modelled");
            }
        }
        double low = lowRequests * gapMs + d[0];
        double high = highRequests * gapMs + d[1] + ALLOWANCE_MS;
        String derivation = String.format(Locale.ROOT, "passive ejection after C=%d consecutive gateway failures at"
                        + " %.0f req/s over %d usable endpoints; %s; each failing try takes [%s, %s]; A=%s",
                c, rate, n, how, BuiltinDetectionModel.ms(d[0]), BuiltinDetectionModel.ms(d[1]),
                BuiltinDetectionModel.ms(ALLOWANCE_MS));
        return new Bound(Mechanism.OUTLIER_EJECTION, low, high, derivation, null);
    }

    /**
     * An ejected endpoint (not marked unhealthy by the checks) comes back at the earlier of the ejection's end and
     * the first passing active check (the gateway un-ejects on a pass, as Envoy's
     * successful_active_health_check_uneject_host). From the heal that is at most the longest ejection, or one check
     * in flight (T) and one interval (I + J) when checks run.
     */
    static Bound recovery(JsonNode cluster, BuiltinDetectionModel.Active active) {
        String disabled = disabled(cluster);
        if (disabled != null) {
            return BuiltinDetectionModel.none(Mechanism.OUTLIER_EJECTION, disabled);
        }
        JsonNode od = cluster.path("outlierDetection");
        Double max = od.has("maxEjectionTime") ? BuiltinDetectionModel.ms(od.get("maxEjectionTime")) : DEFAULT_MAX_EJECTION_MS;
        Double jitter = od.has("ejectionJitter") ? BuiltinDetectionModel.ms(od.get("ejectionJitter")) : Double.valueOf(0);
        if (max == null || jitter == null) {
            return BuiltinDetectionModel.none(Mechanism.OUTLIER_EJECTION, "outlierDetection.maxEjectionTime or"
                    + " ejectionJitter invalid");
        }
        double expiry = max + jitter;
        double high = active == null ? expiry : Math.min(expiry, active.t() + active.i() + active.j());
        String derivation = active == null
                ? String.format(Locale.ROOT, "ejection ends by maxEjectionTime + ejectionJitter = %s; A=%s",
                BuiltinDetectionModel.ms(expiry), BuiltinDetectionModel.ms(ALLOWANCE_MS))
                : String.format(Locale.ROOT, "un-ejected by the first passing check, by T + I + J = %s, or when the"
                + " ejection ends, by %s; A=%s", BuiltinDetectionModel.ms(active.t() + active.i() + active.j()),
                BuiltinDetectionModel.ms(expiry), BuiltinDetectionModel.ms(ALLOWANCE_MS));
        return new Bound(Mechanism.OUTLIER_EJECTION, 0.0, high + ALLOWANCE_MS, derivation, null);
    }

    /** Why passive detection cannot fire, or null when it can. */
    private static String disabled(JsonNode cluster) {
        JsonNode od = cluster.path("outlierDetection");
        if (!od.isObject()) {
            return "gateway-config.json: clusters[" + cluster.path("name").asText() + "] has no outlierDetection";
        }
        if (!od.path("enabled").asBoolean(true)) {
            return "outlier detection disabled";
        }
        if (od.path("maxEjectionPercent").asInt(50) == 0) {
            return "outlierDetection.maxEjectionPercent is 0: nothing may be ejected";
        }
        return null;
    }

    /** How long one failing try takes, [shortest, longest] ms. */
    static double[] tryDuration(JsonNode cluster, Noticed noticed) {
        if (noticed != Noticed.TIMEOUT) {
            return new double[] {0, 0};
        }
        double connect = orDefault(BuiltinDetectionModel.ms(cluster.get("connectTimeout")), DEFAULT_CONNECT_TIMEOUT_MS);
        double upstream = orDefault(BuiltinDetectionModel.ms(cluster.get("upstreamTimeout")), DEFAULT_UPSTREAM_TIMEOUT_MS);
        double perTry = orDefault(BuiltinDetectionModel.ms(cluster.path("retry").get("perTryTimeout")), 0);
        double tryTimeout = perTry > 0 ? Math.min(perTry, upstream) : upstream;
        // a new connection to a silent endpoint fails at the connect timeout; a pooled one waits for the try timeout
        return new double[] {Math.min(connect, tryTimeout), tryTimeout};
    }

    private static double orDefault(Double v, double fallback) {
        return v == null ? fallback : v;
    }

    /** The q-quantile of the tries elsewhere before the r-th try to the endpoint; 0 for r = 0. */
    static double quantile(int r, double p, double q) {
        if (r <= 0) {
            return 0;
        }
        if (p >= 1) {
            return 0;
        }
        return new PascalDistribution(r, p).inverseCumulativeProbability(q);
    }
}
