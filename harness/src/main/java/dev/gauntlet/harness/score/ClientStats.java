package dev.gauntlet.harness.score;

import dev.gauntlet.report.run.RequestRecord;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * What the client saw over a set of requests: availability, latency percentiles, outcomes by cause.
 *
 * <p>Percentiles are nearest-rank (commons-math3 {@link Percentile.EstimationType#R_1}): p99 is a latency
 * some request actually had, and hand-checkable: the value at rank ⌈p·n⌉ of the sorted latencies.
 * Every request counts, failures included (a 503 is a latency the user waited for).
 * With no requests every ratio and percentile is null, never NaN. {@code nhuP50Ms}/{@code nhuP99Ms} are the same
 * percentiles over the requests whose cause is {@code UH} (the gateway's own NHU answers: how fast it fails
 * when it has nothing to route to); null when there were none.
 */
record ClientStats(long requests, Double availability, Double p50Ms, Double p90Ms, Double p99Ms, Double maxMs,
                   Map<String, Long> causes, Double nhuP50Ms, Double nhuP99Ms) {

    /** Cause labels, in display order. */
    static final List<String> CAUSES = List.of("ok", "UH", "UO", "UF", "UT", "URX", "NR",
            "backend_5xx", "client_timeout", "client_error", "other_4xx", "other");

    /** Gateway flags by precedence: the first present names the cause. */
    private static final List<String> FLAG_PRECEDENCE = List.of("UH", "UO", "NR", "URX", "UT", "UF");

    static ClientStats of(List<RequestRecord> requests) {
        int n = requests.size();
        Map<String, Long> causes = new LinkedHashMap<>();
        if (n == 0) {
            return new ClientStats(0, null, null, null, null, null, causes, null, null);
        }
        double[] latencies = new double[n];
        long ok = 0;
        Map<String, Long> counts = new LinkedHashMap<>();
        double[] nhu = new double[n];
        int nhuCount = 0;
        for (int i = 0; i < n; i++) {
            RequestRecord r = requests.get(i);
            latencies[i] = r.latencyMs();
            ok += r.ok() ? 1 : 0;
            String cause = cause(r);
            counts.merge(cause, 1L, Long::sum);
            if ("UH".equals(cause)) {
                nhu[nhuCount++] = r.latencyMs();
            }
        }
        for (String c : CAUSES) {
            if (counts.containsKey(c)) {
                causes.put(c, counts.get(c));
            }
        }
        Arrays.sort(latencies);
        Percentile percentile = new Percentile().withEstimationType(Percentile.EstimationType.R_1);
        percentile.setData(latencies);
        Double nhuP50 = null;
        Double nhuP99 = null;
        if (nhuCount > 0) {
            double[] sorted = Arrays.copyOf(nhu, nhuCount);
            Arrays.sort(sorted);
            Percentile nhuPercentile = new Percentile().withEstimationType(Percentile.EstimationType.R_1);
            nhuPercentile.setData(sorted);
            nhuP50 = nhuPercentile.evaluate(50);
            nhuP99 = nhuPercentile.evaluate(99);
        }
        return new ClientStats(n, (double) ok / n, percentile.evaluate(50), percentile.evaluate(90),
                percentile.evaluate(99), latencies[n - 1], causes, nhuP50, nhuP99);
    }

    /**
     * The one cause label of a request: ok (2xx/3xx, whatever the flags: a retry may have saved it); status 0:
     * client_timeout when the error mentions a timeout, else client_error; a gateway flag by precedence
     * UH, UO, NR, URX, UT, UF (URX wins over the UF of the attempts it exhausted); unrecognised flags:
     * other; no flags: backend_5xx for ≥ 500, other_4xx for 4xx, else other.
     */
    static String cause(RequestRecord r) {
        if (r.ok()) {
            return "ok";
        }
        if (r.status() == 0) {
            String error = r.error() == null ? "" : r.error().toLowerCase(Locale.ROOT);
            return error.contains("timeout") ? "client_timeout" : "client_error";
        }
        String flags = r.flags() == null ? "" : r.flags().trim();
        if (!flags.isEmpty()) {
            List<String> present = Arrays.stream(flags.split("[,\\s]+")).toList();
            return FLAG_PRECEDENCE.stream().filter(present::contains).findFirst().orElse("other");
        }
        if (r.status() >= 500) {
            return "backend_5xx";
        }
        return r.status() >= 400 ? "other_4xx" : "other";
    }
}
