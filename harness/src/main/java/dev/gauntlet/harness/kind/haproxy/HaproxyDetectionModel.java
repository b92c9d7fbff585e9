package dev.gauntlet.harness.kind.haproxy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.harness.kind.DetectionModel;
import java.util.List;

/**
 * HAProxy 2.6's check scheduling as detection and recovery bounds. Sources (cited in docs/gateways/haproxy.md):
 * <ul>
 *   <li>configuration.txt 5.2 "inter/fastinter/downinter": {@code inter} while UP 100 %, {@code fastinter} while
 *       transitionally UP (going down) or DOWN (going up), {@code downinter} while DOWN 100 %. We set
 *       {@code fastinter = inter}, so F = I below.</li>
 *   <li>src/check.c {@code process_chk_conn}: the next check is armed when the previous one <em>ends</em>:
 *       {@code t->expire = now + srv_getinter(check) + rv}, rv uniform in ±{@code spread-checks}% of the interval
 *       (configuration.txt 3.2 "spread-checks"); {@code srv_getinter()} is read after the result was counted.</li>
 *   <li>src/check.c {@code set_server_check_status}: {@code fall} consecutive failures take a server from full
 *       health to DOWN, {@code rise} consecutive successes from DOWN to UP (a success while falling restores
 *       full health; a failure while rising resets to 0).</li>
 *   <li>configuration.txt 4.2 "timeout check": a check's connect may take min("timeout connect", "inter"),
 *       then "timeout check" to read the answer.</li>
 * </ul>
 * With I inter, D downinter, s spread fraction, N fall, R rise, Tmin/Tmax the shorter/longer of "timeout check"
 * and the check connect timeout, and A the per-check allowance (below):
 * <pre>
 * fast_fail detection  [(N−1)·I·(1−s),              I·(1+s) + (N−1)·I·(1+s) + (N+1)·A]
 * timeout   detection  [(N−1)·(I·(1−s) + Tmin),     I·(1+s) + (N−1)·I·(1+s) + N·Tmax + (N+1)·A]
 * recovery             [(R−1)·I·(1−s),              Tmax + D·(1+s) + (R−1)·I·(1+s) + R·A]
 * </pre>
 * Only active checks mark a server down here: passive {@code observe} is not translated (refused).
 *
 * <pre>{@code new HaproxyDetectionModel().detection(effectiveConfig, "api", Noticed.FAST_FAIL, run)}</pre>
 */
final class HaproxyDetectionModel implements DetectionModel {

    /**
     * Per check, what the schedule ignores: the check's own run time on loopback (a refused connect or a 200
     * from the fake backend: about 1 ms), the lateness of HAProxy's timer wheel on 2 shared cores and the
     * log line's trip to our socket. 25 ms, as our own gateway's model (harness/score/HealthCheckBounds).
     */
    static final double ALLOWANCE_MS = 25.0;

    @Override
    public List<Bound> detection(JsonNode effectiveConfig, String cluster, Noticed noticed, RunContext run) {
        HaproxyCluster c = find(effectiveConfig, cluster);
        String why = unusable(c, cluster, effectiveConfig);
        if (why != null) {
            return List.of(unknown(why));
        }
        double i = c.interMs();
        double s = c.spreadPercent() / 100.0;
        int n = c.fall();
        double tMin = Math.min(c.timeoutMs(), c.checkConnectTimeoutMs());
        double tMax = Math.max(c.timeoutMs(), c.checkConnectTimeoutMs());
        String figures = String.format(java.util.Locale.ROOT, "I=%dms s=%d%% N=%d A=%.0fms", c.interMs(),
                c.spreadPercent(), n, ALLOWANCE_MS);
        List<Bound> out = new java.util.ArrayList<>(switch (noticed) {
            case FAST_FAIL -> List.of(new Bound(Mechanism.ACTIVE_CHECK, (n - 1) * i * (1 - s),
                    i * (1 + s) + (n - 1) * i * (1 + s) + (n + 1) * ALLOWANCE_MS,
                    "haproxy active check, refused/wrong status: [(N-1)·I·(1-s), I·(1+s)+(N-1)·I·(1+s)+(N+1)·A], " + figures,
                    null));
            case TIMEOUT -> List.of(new Bound(Mechanism.ACTIVE_CHECK, (n - 1) * (i * (1 - s) + tMin),
                    i * (1 + s) + (n - 1) * i * (1 + s) + n * tMax + (n + 1) * ALLOWANCE_MS,
                    "haproxy active check, timed out: [(N-1)·(I·(1-s)+Tmin), I·(1+s)+(N-1)·I·(1+s)+N·Tmax+(N+1)·A], "
                            + figures + String.format(java.util.Locale.ROOT, " Tmin=%.0fms Tmax=%.0fms", tMin, tMax), null));
            case NONE -> List.of(unknown("a fault no check notices (noticed: none): HAProxy keeps the server UP"));
        });
        if (c.errorLimit() > 0) {
            out.add(passive(c, run));
        }
        return out;
    }

    /**
     * {@code observe layer7 error-limit N on-error mark-down} (configuration.txt 5.2 "observe", "on-error"):
     * DOWN at the N-th consecutive failed answer or connection. When that comes depends on how the load reaches
     * the server (arrivals, balancing over two threads, retries elsewhere), which no document fixes: no bound,
     * only the round-robin estimate.
     */
    private static Bound passive(HaproxyCluster c, RunContext run) {
        String estimate = run.requestRatePerSec() > 0 && run.usableEndpoints() > 0
                ? String.format(java.util.Locale.ROOT, "; at %.0f req/s over %d servers the %d-th error comes about %.0f ms"
                        + " after the first", run.requestRatePerSec(), run.usableEndpoints(), c.errorLimit(),
                        (c.errorLimit() - 1) * run.usableEndpoints() * 1000.0 / run.requestRatePerSec())
                : "";
        return new Bound(Mechanism.OUTLIER_EJECTION, null, null, "haproxy observe layer7, error-limit " + c.errorLimit(),
                "passive marking-down depends on the arrival of requests at the server, which HAProxy does not schedule" + estimate);
    }

    @Override
    public List<Bound> recovery(JsonNode effectiveConfig, String cluster, RunContext run) {
        HaproxyCluster c = find(effectiveConfig, cluster);
        String why = unusable(c, cluster, effectiveConfig);
        if (why != null) {
            return List.of(unknown(why));
        }
        double i = c.interMs();
        double d = c.downInterMs();
        double s = c.spreadPercent() / 100.0;
        int r = c.rise();
        double tMax = Math.max(c.timeoutMs(), c.checkConnectTimeoutMs());
        return List.of(new Bound(Mechanism.ACTIVE_CHECK, (r - 1) * i * (1 - s),
                tMax + d * (1 + s) + (r - 1) * i * (1 + s) + r * ALLOWANCE_MS,
                String.format(java.util.Locale.ROOT, "haproxy active check recovery: [(R-1)·I·(1-s), Tmax+D·(1+s)+(R-1)·I·(1+s)+R·A],"
                        + " I=%dms D=%dms s=%d%% R=%d Tmax=%.0fms A=%.0fms", c.interMs(), c.downInterMs(),
                        c.spreadPercent(), r, tMax, ALLOWANCE_MS), null));
    }

    private static String unusable(HaproxyCluster c, String cluster, JsonNode config) {
        for (JsonNode n : config == null ? List.<JsonNode>of() : List.of(config.path("clusters"))) {
            for (JsonNode one : n) {
                if (one.path("name").asText().equals(cluster) && one.hasNonNull("unknown")) {
                    // a user's own haproxy.cfg says something the reader cannot turn into one schedule
                    return one.get("unknown").asText();
                }
            }
        }
        if (c == null) {
            return "gateway-config.json has no haproxy settings for cluster " + cluster;
        }
        if (!c.checks()) {
            return "no active checks in cluster " + cluster + ": HAProxy then never marks a server down";
        }
        return null;
    }

    private static Bound unknown(String why) {
        return new Bound(Mechanism.ACTIVE_CHECK, null, null, "haproxy active check", why);
    }

    static HaproxyCluster find(JsonNode config, String cluster) {
        if (config == null) {
            return null;
        }
        for (JsonNode c : config.path("clusters")) {
            if (c.path("name").asText().equals(cluster)) {
                return HaproxyCluster.fromEffective(c);
            }
        }
        return null;
    }
}
