package dev.gauntlet.harness.kind.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.harness.kind.DetectionModel.Arrival;
import dev.gauntlet.harness.kind.DetectionModel.Arrivals;
import dev.gauntlet.harness.kind.DetectionModel.Bound;
import dev.gauntlet.harness.kind.DetectionModel.Mechanism;
import dev.gauntlet.harness.kind.DetectionModel.Noticed;
import dev.gauntlet.harness.kind.DetectionModel.RunContext;
import dev.gauntlet.report.run.RunDirectory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The passive bound on literal request histories (µs, action begun at 10 s, verified 0.5 ms later): C = 5, round
 * robin over 3 usable endpoints, so the C-th failing try is request k ∈ [(C−2)·n + 3, (C+1)·n − 2] = [12, 16].
 * The k range itself is checked against the gateway's balancer arithmetic by exhaustive search.
 */
class ObservedPassiveBoundTest {

    private static final long FROM = 10_000_000;
    private static final long BY = 10_000_500;
    private final BuiltinDetectionModel model = new BuiltinDetectionModel();

    private static JsonNode config(String lb, String extra) throws IOException {
        return RunDirectory.JSON.readTree("{\"clusters\":[{\"name\":\"api\",\"loadBalancing\":\"" + lb + "\","
                + "\"outlierDetection\":{\"consecutiveGatewayFailure\":5}" + extra + "}]}");
    }

    private Bound passive(JsonNode config, Noticed noticed, RunContext ctx) {
        return model.detection(config, "api", noticed, ctx).stream()
                .filter(b -> b.mechanism() == Mechanism.OUTLIER_EJECTION).findFirst().orElseThrow();
    }

    /** {@code count} requests from {@code fromUs}, {@code gapUs} apart, each answered {@code latencyUs} later. */
    private static List<Arrival> burst(long fromUs, int count, long gapUs, long latencyUs) {
        List<Arrival> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new Arrival(fromUs + i * gapUs, fromUs + i * gapUs + latencyUs, true));
        }
        return out;
    }

    private static List<Arrival> concat(List<Arrival> a, List<Arrival> b) {
        List<Arrival> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    @Test
    void bunchedArrivalsAndALaggingGatewayMoveTheBoundWhereTheRateModelCannotFollow() throws IOException {
        // the ScenarioRunIT shape: 100 req/s on average, but after the crash 8 requests in 7 ms, nothing for 200 ms
        // (the client starved), then 8 more answered 30 ms late; the gateway ejected 220 ms after the action
        List<Arrival> bunched = concat(burst(10_000_500, 8, 1_000, 2_000), burst(10_200_000, 8, 1_000, 30_000));
        double ejectedMs = 220.0;
        Bound rate = passive(config("round_robin", ""), Noticed.FAST_FAIL, new RunContext(100, 3));
        Bound observed = passive(config("round_robin", ""), Noticed.FAST_FAIL,
                new RunContext(100, 3, new Arrivals(bunched, FROM, BY, 20_000_000)));

        assertThat(ejectedMs).as("the rate model [90, 175] ms misses it").isGreaterThan(rate.highMs());
        assertThat(observed.lowMs()).as("the 12th request from the action starts at 10.203 s").isEqualTo(203.0);
        assertThat(observed.highMs()).as("the first 16 from the verified effect end by 10.237 s, + A")
                .isEqualTo(236.5 + PassiveBound.ALLOWANCE_MS);
        assertThat(ejectedMs).as("inside the observed bound").isBetween(observed.lowMs(), observed.highMs());
        assertThat(observed.derivation()).as("says which requests").contains("k in [12, 16]").contains("12th");
    }

    @Test
    void aPauseAfterTheFaultPutsTheFloorWhereTheKthRequestReallyStarted() throws IOException {
        // nothing arrives for 150 ms after the action: an ejection at 100 ms fits the rate model but no 12th try
        // existed yet, so the observed bound's floor is above it (the scoring tests judge such an ejection outside)
        List<Arrival> late = burst(10_150_000, 20, 2_000, 1_000);
        Bound rate = passive(config("round_robin", ""), Noticed.FAST_FAIL, new RunContext(100, 3));
        Bound observed = passive(config("round_robin", ""), Noticed.FAST_FAIL,
                new RunContext(100, 3, new Arrivals(late, FROM, BY, 20_000_000)));

        assertThat(100.0).as("the rate model would accept it").isBetween(rate.lowMs(), rate.highMs());
        assertThat(observed.lowMs()).as("12th request from the action: 10.15 s + 11 · 2 ms").isEqualTo(172.0);
    }

    @Test
    void triesInFlightAtTheActionMayCountSoTheFloorDrops() throws IOException {
        // two requests started before the action and answered after it: their tries may fail after the effect, so
        // only C − 2 = 3 more are needed, the (3−2)·3+3 = 6th request from the action
        List<Arrival> history = concat(List.of(new Arrival(9_990_000, 10_040_000, true),
                new Arrival(9_995_000, 10_040_000, true)), burst(10_001_000, 30, 10_000, 1_000));
        Bound b = passive(config("round_robin", ""), Noticed.FAST_FAIL,
                new RunContext(100, 3, new Arrivals(history, FROM, BY, 20_000_000)));

        assertThat(b.lowMs()).as("6th request from the action: 10.001 s + 5 · 10 ms").isEqualTo(51.0);
        assertThat(b.derivation()).as("counted").contains("k in [12, 16]; 2 request(s) in flight at the action may count too, leaving 3");
    }

    @Test
    void aTimeoutAddsTheShortestFailingTryToTheFloorAndTheObservedEndsBoundTheTop() throws IOException {
        // silent endpoint, connect timeout 100 ms, per-try 200 ms: the 12th try fails no sooner than 100 ms after it
        // started; the gateway answered each request by its recorded end
        List<Arrival> history = burst(10_001_000, 30, 10_000, 250_000);
        Bound b = passive(config("round_robin", ",\"connectTimeout\":\"100ms\",\"retry\":{\"perTryTimeout\":\"200ms\"}"),
                Noticed.TIMEOUT, new RunContext(100, 3, new Arrivals(history, FROM, BY, 20_000_000)));

        assertThat(b.lowMs()).as("10.001 s + 11 · 10 ms + 100 ms").isEqualTo(211.0);
        assertThat(b.highMs()).as("16th from 10.0005 s starts 10.151 s, ends 10.401 s, + A")
                .isEqualTo(400.5 + PassiveBound.ALLOWANCE_MS);
    }

    @Test
    void triesInFlightAtAHangFailNoSoonerThanTheirOwnTimeout() throws IOException {
        // backend-hang on a starved machine: 21 requests were in flight when the action began, enough for C, but a
        // silent endpoint fails each of them only when its timer fires, d_low = 500 ms after it started at the
        // earliest; the 5th-earliest of those (started 9.9 s + 4 ms) fails at 10.404 s
        List<Arrival> history = concat(burst(9_900_000, 21, 1_000, 900_000), burst(10_001_000, 60, 10_000, 600_000));
        Bound b = passive(config("round_robin", ",\"connectTimeout\":\"500ms\",\"retry\":{\"perTryTimeout\":\"500ms\"}"),
                Noticed.TIMEOUT, new RunContext(100, 3, new Arrivals(history, FROM, BY, 20_000_000)));

        assertThat(b.lowMs()).as("not 0: the in-flight tries still wait for their timeout").isEqualTo(404.0);
        assertThat(b.derivation()).as("says so").contains("the tries in flight at the action failing by 404 ms");
    }

    @Test
    void tooFewRequestsBeforeTheHealMakeTheEjectionUnreachableNotMissed() throws IOException {
        List<Arrival> history = burst(10_001_000, 8, 10_000, 1_000);
        Bound b = passive(config("round_robin", ""), Noticed.FAST_FAIL,
                new RunContext(100, 3, new Arrivals(history, FROM, BY, 10_500_000)));

        assertThat(b.known()).as("no bound").isFalse();
        assertThat(b.reason()).as("why").startsWith("not reachable before the heal: 8 request(s) started between the"
                + " inject and the heal, the C-th failing try needs at least 12");
    }

    @Test
    void aRequestTheClientGaveUpOnBoundsNothing() throws IOException {
        List<Arrival> history = new ArrayList<>(burst(10_001_000, 30, 10_000, 1_000));
        history.set(3, new Arrival(10_031_000, 11_031_000, false));
        Bound b = passive(config("round_robin", ""), Noticed.FAST_FAIL,
                new RunContext(100, 3, new Arrivals(history, FROM, BY, 20_000_000)));

        assertThat(b.known()).as("upper end unknown").isFalse();
        assertThat(b.reason()).as("why").contains("got no answer from the gateway");
    }

    @Test
    void randomMapsTheNegativeBinomialRangeOntoTheRecordedRequests() throws IOException {
        List<Arrival> history = burst(10_001_000, 200, 10_000, 1_000);
        Bound b = passive(config("random", ""), Noticed.FAST_FAIL,
                new RunContext(100, 3, new Arrivals(history, FROM, BY, 20_000_000)));
        long kLow = 5 + (long) PassiveBound.quantile(5, 1.0 / 3, 0.005);
        long kHigh = 5 + (long) PassiveBound.quantile(5, 1.0 / 3, 0.995);

        assertThat(b.lowMs()).as("the k_low-th start").isEqualTo(1.0 + (kLow - 1) * 10.0);
        assertThat(b.highMs()).as("the k_high-th end").isEqualTo(1.5 + (kHigh - 1) * 10.0 + PassiveBound.ALLOWANCE_MS);
    }

    /**
     * Exhaustive search over the gateway's smooth weighted round robin (LoadBalancer.weightedRoundRobin, equal
     * weights, copied here as arithmetic): every starting phase reachable, every interleaving of first tries and
     * retries (a retry excludes the failed endpoint, at most two pending). The k of the C-th first try to the failed
     * endpoint must lie in the range the bound uses, and the range's ends must be reached for n ≤ 5.
     */
    @Test
    void theRoundRobinRangeHoldsForEveryInterleavingOfRetries() {
        for (int n = 2; n <= 4; n++) {
            for (int c = 1; c <= 5; c++) {
                long lo = Long.MAX_VALUE;
                long hi = 0;
                for (int bad = 0; bad < n; bad++) {
                    Search s = new Search(n, bad);
                    for (List<Integer> start : s.startStates()) {
                        lo = Math.min(lo, s.k(start, 0, c, true));
                        hi = Math.max(hi, s.k(start, 0, c, false));
                    }
                }
                assertThat(List.of(lo, hi)).as("n=%d C=%d", n, c)
                        .containsExactly(ObservedPassiveBound.roundRobinLow(c, n), (long) (c + 1) * n - 2);
            }
        }
    }

    /** The balancer's state machine: current weights, pending retries. */
    private static final class Search {
        private static final int MAX_PENDING = 2;
        private final int n;
        private final int bad;
        private final Map<String, Long> memo = new HashMap<>();

        Search(int n, int bad) {
            this.n = n;
            this.bad = bad;
        }

        /** Picks as LoadBalancer.weightedRoundRobin does with weight 1; returns the chosen index, mutating cw. */
        private int pick(int[] cw, boolean excludeBad) {
            int total = 0;
            int best = -1;
            for (int i = 0; i < n; i++) {
                if (excludeBad && i == bad) {
                    continue;
                }
                cw[i] += 1;
                total += 1;
                if (best < 0 || cw[i] > cw[best]) {
                    best = i;
                }
            }
            cw[best] -= total;
            return best;
        }

        /** Every weight vector reachable from all-zero through first tries and retries. */
        List<List<Integer>> startStates() {
            java.util.Set<String> seen = new java.util.HashSet<>();
            java.util.Deque<int[]> queue = new java.util.ArrayDeque<>(); // weights + pending as the last element
            List<List<Integer>> out = new ArrayList<>();
            queue.add(new int[n + 1]);
            while (!queue.isEmpty()) {
                int[] s = queue.poll();
                if (!seen.add(java.util.Arrays.toString(s))) {
                    continue;
                }
                if (s[n] == 0) { // the fault finds no retry pending: every endpoint was healthy before it
                    List<Integer> w = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        w.add(s[i]);
                    }
                    out.add(w);
                }
                int[] f = s.clone();
                if (pick(f, false) == bad) {
                    f[n] = Math.min(MAX_PENDING, f[n] + 1);
                }
                queue.add(f);
                if (s[n] > 0) {
                    int[] r = s.clone();
                    pick(r, true);
                    r[n]--;
                    queue.add(r);
                }
            }
            return out;
        }

        /** The fewest (min) or most first tries until the c-th one to the bad endpoint. */
        long k(List<Integer> weights, int pending, int c, boolean min) {
            String key = weights + "/" + pending + "/" + c + "/" + min;
            Long known = memo.get(key);
            if (known != null) {
                return known;
            }
            int[] f = weights.stream().mapToInt(Integer::intValue).toArray();
            boolean hit = pick(f, false) == bad;
            long best = hit && c == 1 ? 1 : 1 + k(list(f), Math.min(MAX_PENDING, pending + (hit ? 1 : 0)),
                    hit ? c - 1 : c, min);
            if (pending > 0) {
                int[] r = weights.stream().mapToInt(Integer::intValue).toArray();
                pick(r, true);
                long viaRetry = k(list(r), pending - 1, c, min);
                best = min ? Math.min(best, viaRetry) : Math.max(best, viaRetry);
            }
            memo.put(key, best);
            return best;
        }

        private static List<Integer> list(int[] a) {
            List<Integer> out = new ArrayList<>();
            for (int v : a) {
                out.add(v);
            }
            return out;
        }
    }
}
