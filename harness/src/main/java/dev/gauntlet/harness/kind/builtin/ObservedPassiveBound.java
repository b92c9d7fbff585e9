package dev.gauntlet.harness.kind.builtin;

import dev.gauntlet.harness.kind.DetectionModel.Arrival;
import dev.gauntlet.harness.kind.DetectionModel.Arrivals;
import dev.gauntlet.harness.kind.DetectionModel.Bound;
import dev.gauntlet.harness.kind.DetectionModel.Mechanism;
import java.util.List;
import java.util.Locale;

/**
 * Our gateway's passive ejection bound mapped onto the requests the run actually recorded, instead of onto evenly
 * spaced arrivals at the mean rate (arrivals bunch on a loaded machine, and the gateway lags behind them).
 *
 * <p>Each request is one first try, picked in the order the client started them. The C-th consecutive failing try
 * on the failed endpoint comes with the k-th request, k in a range set by the balancer:
 * <ul>
 *   <li>round robin (smooth weighted, equal weights): {@code k ∈ [max(1, (C−2)·n + 3), (C+1)·n − 2]}. A retry's
 *       pick excludes the failed endpoint and so moves the others' turns (it does not leave the order as it was):
 *       by exhaustive search over the balancer's states, any interleaving of retries and any starting phase, the
 *       gap between two first tries to one endpoint is 2..2n−2 and the C-th lands in that range (exact for n ≤ 5,
 *       an outer envelope for n = 6; C ≤ 6);</li>
 *   <li>random / least request: {@code C + F}, F negative-binomial, its central {@link PassiveBound#COVERAGE}.</li>
 * </ul>
 * Lower end: tries in flight when the action began may fail after it; each of the m requests in flight then
 * (started before, ended after {@code effectFromUs}) is taken as one such failure, so only C' = C − min(m, C) more
 * are needed: the start of the k_low(C')-th request started from {@code effectFromUs}, plus the shortest failing try.
 * Upper end: the gateway counts a try's failure before it answers that request (a retry goes elsewhere and answers
 * later), so the C-th failure is counted by the latest end among the first k_high requests started from the
 * verified {@code effectByUs}, plus {@link PassiveBound#ALLOWANCE_MS}. A request the client gave up on bounds nothing:
 * the gateway then drops its try without a verdict. As ms after the effect, the lower end is counted from
 * {@code effectFromUs} and the upper from {@code effectByUs}, so a view stamp before the earliest k-th request is
 * outside whatever the inject's bracket.
 *
 * <pre>{@code Bound b = ObservedPassiveBound.detection("round_robin", 5, 3, new double[] {0, 0}, arrivals);}</pre>
 */
final class ObservedPassiveBound {

    private ObservedPassiveBound() {
    }

    static Bound detection(String lb, int c, int n, double[] d, Arrivals a) {
        List<Arrival> all = a.requests();
        if (all.isEmpty()) {
            return BuiltinDetectionModel.none(Mechanism.OUTLIER_EJECTION, "no recorded request to map the failing"
                    + " tries onto (requests.jsonl missing, unreadable or empty after the inject)");
        }
        int inFlight = 0;
        int fromIdx = -1;
        int byIdx = -1;
        for (int i = 0; i < all.size(); i++) {
            Arrival r = all.get(i);
            if (r.startUs() < a.effectFromUs() && r.endUs() >= a.effectFromUs()) {
                inFlight++;
            }
            if (fromIdx < 0 && r.startUs() >= a.effectFromUs()) {
                fromIdx = i;
            }
            if (byIdx < 0 && r.startUs() >= a.effectByUs()) {
                byIdx = i;
            }
        }
        int cLow = c - Math.min(inFlight, c);
        long[] k = switch (lb) {
            case "round_robin", "weighted_round_robin" -> new long[] {roundRobinLow(cLow, n), (long) (c + 1) * n - 2};
            case "random" -> new long[] {randomLow(cLow, 1.0 / n), c + (long) PassiveBound.quantile(c, 1.0 / n,
                    1 - (1 - PassiveBound.COVERAGE) / 2)};
            case "least_request" -> new long[] {randomLow(cLow, Math.min(1.0, (2.0 * n - 1) / ((double) n * n))),
                    c + (long) PassiveBound.quantile(c, 1.0 / ((double) n * n), 1 - (1 - PassiveBound.COVERAGE) / 2)};
            default -> null;
        };
        if (k == null) {
            return BuiltinDetectionModel.none(Mechanism.OUTLIER_EJECTION, "loadBalancing " + lb + " is not modelled");
        }
        String how = String.format(Locale.ROOT, "C=%d consecutive gateway failures over n=%d usable endpoints, %s:"
                        + " the C-th try to it is the k-th request, k in [%d, %d]; %d request(s) in flight at the"
                        + " action may count too, leaving %d for the low end; each failing try takes [%s, %s]",
                c, n, balancer(lb), lowK(lb, c, n), k[1], inFlight, cLow, BuiltinDetectionModel.ms(d[0]),
                BuiltinDetectionModel.ms(d[1]));
        // lower end: j of the tries in flight fail first (each no sooner than d_low after its request started, nor
        // before the action), the other C − j come with the earliest k_low(C − j)-th request from the action's start
        long[] inFlightFails = all.stream().filter(r -> r.startUs() < a.effectFromUs() && r.endUs() >= a.effectFromUs())
                .mapToLong(r -> Math.max(a.effectFromUs(), r.startUs() + Math.round(d[0] * 1000))).sorted().toArray();
        Double lowMs = null;
        long kUsed = -1;
        for (int j = Math.min(inFlight, c); j >= 0; j--) {
            long kj = lowK(lb, c - j, n);
            Long fresh = kj == 0 ? Long.valueOf(Long.MIN_VALUE) : kthStart(all, fromIdx, kj, a.untilUs());
            if (fresh == null) {
                continue; // fewer requests than that before the heal
            }
            long fail = Math.max(j == 0 ? Long.MIN_VALUE : inFlightFails[j - 1],
                    kj == 0 ? Long.MIN_VALUE : fresh + Math.round(d[0] * 1000));
            double ms = (fail - a.effectFromUs()) / 1000.0;
            if (lowMs == null || ms < lowMs) {
                lowMs = ms;
                kUsed = kj;
            }
        }
        if (lowMs == null) { // not even with every in-flight try failing
            int arrived = countStarted(all, fromIdx, a.untilUs());
            return BuiltinDetectionModel.none(Mechanism.OUTLIER_EJECTION, String.format(Locale.ROOT,
                    "not reachable before the heal: %d request(s) started between the inject and the heal, the"
                            + " C-th failing try needs at least %d (%s)", arrived, k[0], how));
        }
        // upper end: the latest end among the first k_high requests from the verified effect
        int last = byIdx < 0 ? -1 : byIdx + (int) k[1] - 1;
        if (last < 0 || last >= all.size() || all.get(last).startUs() >= a.untilUs()) {
            int arrived = countStarted(all, byIdx, a.untilUs());
            return BuiltinDetectionModel.none(Mechanism.OUTLIER_EJECTION, String.format(Locale.ROOT,
                    "too few requests to bound it: %d started between the verified inject and the heal, the C-th"
                            + " failing try may need %d (%s)", arrived, k[1], how));
        }
        long latestEnd = Long.MIN_VALUE;
        for (int i = byIdx; i <= last; i++) {
            Arrival r = all.get(i);
            if (!r.answered()) {
                return BuiltinDetectionModel.none(Mechanism.OUTLIER_EJECTION, String.format(Locale.ROOT,
                        "the request started %s after the verified inject got no answer from the gateway (the client"
                                + " gave up or lost the connection): whether its try counted is unknown (%s)",
                        BuiltinDetectionModel.ms((r.startUs() - a.effectByUs()) / 1000.0), how));
            }
            latestEnd = Math.max(latestEnd, r.endUs());
        }
        double highMs = (latestEnd - a.effectByUs()) / 1000.0 + PassiveBound.ALLOWANCE_MS;
        String derivation = String.format(Locale.ROOT, "passive ejection from the recorded requests: %s; low: %s"
                        + " failing by %s; high: the latest end among the first %d requests started from the verified"
                        + " effect, at %s, + A=%s", how,
                kUsed == 0 ? "the tries in flight at the action" : "with the " + ordinal(kUsed)
                        + " request started from the action's start",
                BuiltinDetectionModel.ms(lowMs), k[1],
                BuiltinDetectionModel.ms((latestEnd - a.effectByUs()) / 1000.0),
                BuiltinDetectionModel.ms(PassiveBound.ALLOWANCE_MS));
        return Bound.anchored(Mechanism.OUTLIER_EJECTION, round(Math.max(0, lowMs)), round(highMs), derivation);
    }

    /** The earliest request that can bring the C'-th failure; 0 when the tries in flight already hold them all. */
    private static long lowK(String lb, int cLow, int n) {
        return switch (lb) {
            case "random" -> randomLow(cLow, 1.0 / n);
            case "least_request" -> randomLow(cLow, Math.min(1.0, (2.0 * n - 1) / ((double) n * n)));
            default -> roundRobinLow(cLow, n);
        };
    }

    /** The start of the k-th request from {@code fromIdx}, or null when it did not start before {@code untilUs}. */
    private static Long kthStart(List<Arrival> all, int fromIdx, long k, long untilUs) {
        long idx = fromIdx < 0 ? -1 : fromIdx + k - 1;
        if (idx < 0 || idx >= all.size() || all.get((int) idx).startUs() >= untilUs) {
            return null;
        }
        return all.get((int) idx).startUs();
    }

    /**
     * The earliest request that can bring the C'-th failure under round robin; 0 when the tries in flight already
     * hold them all.
     */
    static long roundRobinLow(int cLow, int n) {
        return cLow <= 0 ? 0 : Math.max(1, (long) (cLow - 2) * n + 3);
    }

    private static long randomLow(int cLow, double p) {
        return cLow <= 0 ? 0 : cLow + (long) PassiveBound.quantile(cLow, p, (1 - PassiveBound.COVERAGE) / 2);
    }

    private static int countStarted(List<Arrival> all, int fromIdx, long untilUs) {
        if (fromIdx < 0) {
            return 0;
        }
        int n = 0;
        for (int i = fromIdx; i < all.size() && all.get(i).startUs() < untilUs; i++) {
            n++;
        }
        return n;
    }

    private static String balancer(String lb) {
        return switch (lb) {
            case "random" -> String.format(Locale.ROOT, "random (p = 1/n, central %.0f%%)", PassiveBound.COVERAGE * 100);
            case "least_request" -> String.format(Locale.ROOT, "least request (p in [1/n², (2n−1)/n²], central %.0f%%)",
                    PassiveBound.COVERAGE * 100);
            default -> "round robin with retries moving the turns";
        };
    }

    private static String ordinal(long k) {
        return k == 0 ? "0th (the tries in flight suffice)" : k + (k % 10 == 1 && k % 100 != 11 ? "st"
                : k % 10 == 2 && k % 100 != 12 ? "nd" : k % 10 == 3 && k % 100 != 13 ? "rd" : "th");
    }

    private static double round(double ms) {
        return Math.round(ms * 1000) / 1000.0;
    }
}
