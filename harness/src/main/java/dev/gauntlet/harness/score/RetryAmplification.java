package dev.gauntlet.harness.score;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Retry amplification from the gateway's Prometheus text ({@code gateway-metrics.prom}, saved at the run's end):
 * the cluster's upstream attempts divided by the client requests the gateway routed to it.
 *
 * <pre>{@code
 * RetryAmplification r = RetryAmplification.of(Files.readString(dir.file(RunDirectory.GATEWAY_METRICS)), "api");
 * r.value();    // 1.004: 0.4% of requests were tried twice
 * r.reason();   // null, or why it is unknown
 * }</pre>
 *
 * <p>Both counters come from the gateway, so they cover the same requests (warm-up included, which the
 * client's requests.jsonl leaves out); the ratio is therefore only known for the whole run. Requests the
 * gateway answered itself (NHU, overflow) made no attempt and pull the ratio below 1.
 *
 * @param value     attempts ÷ requests, or null when unknown
 * @param attempts  the sum of {@code gauntlet_upstream_attempts_total} for the cluster
 * @param requests  the sum of {@code gauntlet_requests_total} for the cluster
 * @param reason    why {@code value} is null
 */
record RetryAmplification(Double value, double attempts, double requests, String reason) {

    static final String ATTEMPTS = "gauntlet_upstream_attempts_total";
    static final String REQUESTS = "gauntlet_requests_total";
    /** {@code name{labels} value [timestamp]}; labels may end in a comma (older Prometheus clients). */
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{([^}]*)})?\\s+(\\S+)(?:\\s+\\S+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    static RetryAmplification unknown(String reason) {
        return new RetryAmplification(null, 0, 0, reason);
    }

    /** Parses the exposition text; a malformed line is skipped, never an exception. */
    static RetryAmplification of(String prometheusText, String cluster) {
        if (prometheusText == null) {
            return unknown("gateway-metrics.prom missing: the gateway's /metrics was not saved");
        }
        double attempts = 0;
        double requests = 0;
        boolean sawAttempts = false;
        boolean sawRequests = false;
        for (String line : prometheusText.split("\n")) {
            String l = line.trim();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(l);
            if (!m.matches()) {
                continue;
            }
            String name = m.group(1);
            if (!name.equals(ATTEMPTS) && !name.equals(REQUESTS)) {
                continue;
            }
            if (cluster != null && !cluster.equals(label(m.group(2), "cluster"))) {
                continue;
            }
            double v = number(m.group(3));
            if (Double.isNaN(v)) {
                continue;
            }
            if (name.equals(ATTEMPTS)) {
                attempts += v;
                sawAttempts = true;
            } else {
                requests += v;
                sawRequests = true;
            }
        }
        if (!sawRequests || !sawAttempts) {
            return new RetryAmplification(null, attempts, requests, String.format(Locale.ROOT,
                    "gateway-metrics.prom has no %s for cluster %s", sawRequests ? ATTEMPTS : REQUESTS, cluster));
        }
        if (requests <= 0) {
            return new RetryAmplification(null, attempts, requests, "the gateway counted no requests for cluster " + cluster);
        }
        return new RetryAmplification(attempts / requests, attempts, requests, null);
    }

    private static String label(String labels, String name) {
        if (labels == null) {
            return null;
        }
        Matcher m = LABEL.matcher(labels);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(2);
            }
        }
        return null;
    }

    private static double number(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN; // "+Inf" and the like are no counts
        }
    }
}
