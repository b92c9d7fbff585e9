package dev.gauntlet.harness.kind.caddy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.harness.kind.DetectionModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Caddy 2.11.9 reverse_proxy health checking as bounds. Source: modules/caddyhttp/reverseproxy/healthchecks.go
 * and hosts.go at v2.11.9 ({@code activeHealthChecker}, {@code doActiveHealthCheck}, {@code countFailure},
 * {@code Upstream.Healthy}). What the source does:
 * <ul>
 *   <li>active: one check of every upstream at start, then on a {@code time.Ticker} of {@code health_interval}
 *       (fixed rate: a tick does not wait for the previous check, and there is no jitter); each failed check adds
 *       one to a fail count and each passed check one to a pass count; both are reset only when the state flips,
 *       so the {@code health_fails} failures need not be consecutive (a failure long before the fault still
 *       counts);</li>
 *   <li>passive: each failed request (dial or transport error, a status in {@code unhealthy_status}) is counted
 *       at once and forgotten {@code fail_duration} later; the upstream is out while the count is at least
 *       {@code max_fails}; nothing is logged for it.</li>
 * </ul>
 * With I interval, T check timeout, U health_fails, H health_passes (fail counts clean before the fault):
 * <pre>
 *   active  refused / status     (U−1)·I      ≤ TTD ≤ U·I + T      (the first failing check is the first tick
 *           blackhole             (U−1)·I + T  ≤ TTD ≤ U·I + T       after the fault, within I; then one per tick;
 *           recovery              (H−1)·I      ≤ TTR ≤ H·I + T       the state flips when the deciding check
 *                                                                     ends, which is at most T after its tick)
 *   passive refused (M max_fails, p = n/R)  (M−1)·p ≤ TTD ≤ M·p;  timeout: + the try's timeout
 *           recovery              0 ≤ TTR ≤ fail_duration + the try's timeout (failures age out on their own)
 * </pre>
 *
 * <pre>{@code new CaddyDetectionModel().detection(effective, "api", Noticed.FAST_FAIL, new RunContext(200, 3))}</pre>
 */
public final class CaddyDetectionModel implements DetectionModel {

    @Override
    public List<Bound> detection(JsonNode effectiveConfig, String cluster, Noticed noticed, RunContext run) {
        JsonNode c = native_(effectiveConfig, cluster);
        List<Bound> out = new ArrayList<>();
        if (c == null) {
            out.add(unknown(Mechanism.ACTIVE_CHECK, "no caddy settings for cluster " + cluster + " in the effective config"));
            return out;
        }
        if (noticed == Noticed.NONE) {
            return out;
        }
        if (c.path("active").asBoolean()) {
            double i = c.path("intervalMs").asDouble();
            double timeout = c.path("timeoutMs").asDouble();
            double t = noticed == Noticed.TIMEOUT ? timeout : 0;
            int u = c.path("fails").asInt();
            // the flip happens when the U-th failing check ends: at its tick + T for a timeout, within T otherwise
            out.add(new Bound(Mechanism.ACTIVE_CHECK, (u - 1) * i + t, u * i + timeout, String.format(Locale.ROOT,
                    "health_fails=%d checks on a fixed %.0f ms ticker, the first within one interval of the fault, "
                            + "the deciding one ending %s health_timeout %.0f ms after its tick", u, i,
                    t > 0 ? "at" : "within", timeout), null));
        } else {
            out.add(unknown(Mechanism.ACTIVE_CHECK, "no active checks configured"));
        }
        if (c.path("passive").asBoolean()) {
            if (run.requestRatePerSec() <= 0 || run.usableEndpoints() <= 0) {
                out.add(unknown(Mechanism.OUTLIER_EJECTION, "no load: passive checks only count failed requests"));
            } else {
                double p = run.usableEndpoints() / run.requestRatePerSec() * 1000;
                int m = c.path("maxFails").asInt();
                double t = noticed == Noticed.TIMEOUT ? c.path("responseHeaderTimeoutMs").asDouble() : 0;
                out.add(new Bound(Mechanism.OUTLIER_EJECTION, (m - 1) * p + t, m * p + t, String.format(Locale.ROOT,
                        "max_fails=%d failed requests, one every p = %d / %.0f req/s = %.1f ms%s", m,
                        run.usableEndpoints(), run.requestRatePerSec(), p,
                        t > 0 ? String.format(Locale.ROOT, ", each after its timeout %.0f ms", t) : ""), null));
            }
        }
        return out;
    }

    @Override
    public List<Bound> recovery(JsonNode effectiveConfig, String cluster, RunContext run) {
        JsonNode c = native_(effectiveConfig, cluster);
        List<Bound> out = new ArrayList<>();
        if (c == null) {
            out.add(unknown(Mechanism.ACTIVE_CHECK, "no caddy settings for cluster " + cluster + " in the effective config"));
            return out;
        }
        if (c.path("active").asBoolean()) {
            double i = c.path("intervalMs").asDouble();
            double timeout = c.path("timeoutMs").asDouble();
            int h = c.path("passes").asInt();
            out.add(new Bound(Mechanism.ACTIVE_CHECK, (h - 1) * i, h * i + timeout, String.format(Locale.ROOT,
                    "health_passes=%d passing checks on the %.0f ms ticker (the pass count starts at 0 when the "
                            + "upstream turned unhealthy), the deciding one ending within health_timeout %.0f ms of "
                            + "its tick", h, i, timeout), null));
        }
        if (c.path("passive").asBoolean()) {
            double fd = c.path("failDurationMs").asDouble();
            double t = c.path("responseHeaderTimeoutMs").asDouble();
            out.add(new Bound(Mechanism.OUTLIER_EJECTION, 0.0, fd + t, String.format(Locale.ROOT,
                    "each failure is forgotten fail_duration %.0f ms after it; a try in flight at the heal may still "
                            + "fail up to its timeout %.0f ms later", fd, t), null));
        }
        return out;
    }

    private static Bound unknown(Mechanism m, String why) {
        return new Bound(m, null, null, "", why);
    }

    private static JsonNode native_(JsonNode config, String cluster) {
        for (JsonNode c : config.path("clusters")) {
            if (c.path("name").asText().equals(cluster) && c.has("caddy")) {
                return c.get("caddy");
            }
        }
        return null;
    }
}
