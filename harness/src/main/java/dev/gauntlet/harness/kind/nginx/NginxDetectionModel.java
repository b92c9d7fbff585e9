package dev.gauntlet.harness.kind.nginx;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.harness.kind.DetectionModel;
import java.util.List;
import java.util.Locale;

/**
 * nginx 1.22 open source's passive checking as bounds. Source: nginx 1.22.1
 * {@code src/http/ngx_http_upstream_round_robin.c} ({@code ngx_http_upstream_get_peer},
 * {@code ngx_http_upstream_free_round_robin_peer}) and the {@code server} directive's {@code max_fails} /
 * {@code fail_timeout} in the ngx_http_upstream_module documentation. What the source does:
 * <ul>
 *   <li>no active checks at all: a fault only the health endpoint shows is never noticed;</li>
 *   <li>each failed try (a {@code proxy_next_upstream} condition: connect error, reset, timeout, a listed 5xx)
 *       adds one to the server's {@code fails} and sets {@code checked = now} (whole seconds); at
 *       {@code fails >= max_fails} the server is skipped while {@code now - checked <= fail_timeout}; a success
 *       resets {@code fails} only when the server was selected after {@code fail_timeout} had passed
 *       ({@code accessed < checked}), so for a dead server the failures need not be consecutive nor fall in one
 *       window: the {@code max_fails}-th try it gets disables it;</li>
 *   <li>smooth weighted round robin over the untried, not-disabled servers: with equal weights a server gets
 *       every n-th first try, and the retries of its own failures do not move its turn (a tried server's
 *       {@code current_weight} is left alone);</li>
 *   <li>after {@code fail_timeout} (checked against whole seconds) one try is let through; a failure disables
 *       it again at once, a success makes it usable.</li>
 * </ul>
 * With F = max_fails, p = n / R (seconds between the server's turns: n endpoints sharing R requests/s),
 * T the try's timeout, ft = fail_timeout:
 * <pre>
 *   refused / reset      (F−1)·p      ≤ TTD ≤ F·p
 *   blackhole / timeout  (F−1)·p + T  ≤ TTD ≤ F·p + T       T ∈ [connect timeout, read timeout]
 *   health endpoint only never (no active checks; the data path answers)
 *   recovery             0 ≤ TTR ≤ ft + 1 s + p + T_read    (the last failure may come up to T_read after the
 *                                                            heal, from a try sent before it; the first trial
 *                                                            after the expiry is at most one turn p later)
 * </pre>
 * The view adds up to 1 s to a detection stamp (the error log's whole seconds); scoring adds the view's
 * resolution to the bracket, not this model.
 *
 * <pre>{@code new NginxDetectionModel().detection(effective, "api", Noticed.FAST_FAIL, new RunContext(200, 3))}</pre>
 */
public final class NginxDetectionModel implements DetectionModel {

    static final String NO_ACTIVE = "nginx open source has no active health checks: only failed requests are noticed";

    @Override
    public List<Bound> detection(JsonNode effectiveConfig, String cluster, Noticed noticed, RunContext run) {
        Bound active = new Bound(Mechanism.ACTIVE_CHECK, null, null, "", NO_ACTIVE);
        JsonNode n = native_(effectiveConfig, cluster);
        if (n == null) {
            return List.of(active, unknown("no nginx settings for cluster " + cluster + " in the effective config"));
        }
        if (noticed == Noticed.NONE) {
            return List.of(active);
        }
        int f = n.path("maxFails").asInt();
        if (f <= 0) {
            return List.of(active, unknown("max_fails=0: nginx counts no failures, so it never disables a server"));
        }
        if (run.requestRatePerSec() <= 0 || run.usableEndpoints() <= 0) {
            return List.of(active, unknown("no load: nginx only notices a fault through the requests sent to it"));
        }
        if (!equalWeights(effectiveConfig, cluster)) {
            return List.of(active, unknown("unequal weights: the turn of one server is not n/R; not modelled"));
        }
        double p = run.usableEndpoints() / run.requestRatePerSec() * 1000;
        double low = (f - 1) * p;
        double high = f * p;
        String how = String.format(Locale.ROOT, "max_fails=%d tries, one every p = %d endpoints / %.0f req/s = %.1f ms",
                f, run.usableEndpoints(), run.requestRatePerSec(), p);
        if (noticed == Noticed.TIMEOUT) {
            double tc = n.path("connectTimeoutMs").asDouble();
            double tr = n.path("readTimeoutMs").asDouble();
            return List.of(active, new Bound(Mechanism.OUTLIER_EJECTION, low + Math.min(tc, tr), high + Math.max(tc, tr),
                    how + String.format(Locale.ROOT, ", each failing after its timeout T (connect %.0f ms, read %.0f ms):"
                            + " (F-1)p+T .. Fp+T", tc, tr), null));
        }
        return List.of(active, new Bound(Mechanism.OUTLIER_EJECTION, low, high, how + ", each refused at once: "
                + "(F-1)p .. Fp", null));
    }

    @Override
    public List<Bound> recovery(JsonNode effectiveConfig, String cluster, RunContext run) {
        JsonNode n = native_(effectiveConfig, cluster);
        if (n == null) {
            return List.of(unknown("no nginx settings for cluster " + cluster + " in the effective config"));
        }
        if (n.path("maxFails").asInt() <= 0) {
            return List.of(unknown("max_fails=0: nginx never disables a server, so nothing recovers"));
        }
        if (run.requestRatePerSec() <= 0 || run.usableEndpoints() <= 0) {
            return List.of(unknown("no load: nginx only lets a server back in through a request that succeeds"));
        }
        double p = run.usableEndpoints() / run.requestRatePerSec() * 1000;
        double ft = n.path("failTimeoutS").asDouble() * 1000;
        double tr = n.path("readTimeoutMs").asDouble();
        return List.of(new Bound(Mechanism.OUTLIER_EJECTION, 0.0, ft + 1000 + p + tr, String.format(Locale.ROOT,
                "fail_timeout %.0f ms + 1 s (whole seconds) + one turn p %.1f ms + a try in flight at the heal failing "
                        + "up to its read timeout %.0f ms later", ft, p, tr), null));
    }

    private static Bound unknown(String why) {
        return new Bound(Mechanism.OUTLIER_EJECTION, null, null, "", why);
    }

    private static JsonNode native_(JsonNode config, String cluster) {
        for (JsonNode c : config.path("clusters")) {
            if (c.path("name").asText().equals(cluster) && c.has("nginx")) {
                return c.get("nginx");
            }
        }
        return null;
    }

    private static boolean equalWeights(JsonNode config, String cluster) {
        for (JsonNode c : config.path("clusters")) {
            if (c.path("name").asText().equals(cluster)) {
                return c.path("endpoints").findValuesAsText("weight").stream().filter(w -> !w.equals("0"))
                        .distinct().count() <= 1;
            }
        }
        return true;
    }
}
