package dev.gauntlet.gateway.upstream;

import dev.gauntlet.gateway.config.LbPolicy;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * Picks one endpoint among candidates (already filtered for health and weight &gt; 0); {@code excluded}
 * are endpoints this request already tried. Returns null if every candidate is excluded.
 *
 * <pre>{@code
 * LoadBalancer lb = LoadBalancer.of(LbPolicy.ROUND_ROBIN);
 * Endpoint e = lb.choose(candidates, weights, tried::contains);
 * }</pre>
 */
public interface LoadBalancer {
    Endpoint choose(Endpoint[] candidates, ToDoubleFunction<Endpoint> weight, Predicate<Endpoint> excluded);

    static LoadBalancer of(LbPolicy policy) {
        return switch (policy) {
            // Envoy, HAProxy and nginx all weight their round robin; so do we (equal weights = strict turns).
            case ROUND_ROBIN, WEIGHTED_ROUND_ROBIN -> weightedRoundRobin();
            case LEAST_REQUEST -> leastRequest();
            case RANDOM -> random();
        };
    }

    /** Each candidate in turn, skipping excluded ones. */
    static LoadBalancer roundRobin() {
        AtomicLong next = new AtomicLong();
        return (c, w, excluded) -> {
            int n = c.length;
            if (n == 0) {
                return null;
            }
            int start = (int) Math.floorMod(next.getAndIncrement(), (long) n);
            for (int i = 0; i < n; i++) {
                Endpoint e = c[(start + i) % n];
                if (!excluded.test(e)) {
                    return e;
                }
            }
            return null;
        };
    }

    /** Random, in proportion to weight, over non-excluded candidates. */
    static LoadBalancer random() {
        return (c, w, excluded) -> {
            double total = 0;
            for (Endpoint e : c) {
                if (!excluded.test(e)) {
                    total += w.applyAsDouble(e);
                }
            }
            if (total <= 0) {
                return null;
            }
            double point = ThreadLocalRandom.current().nextDouble(total);
            Endpoint last = null;
            for (Endpoint e : c) {
                if (excluded.test(e)) {
                    continue;
                }
                last = e;
                point -= w.applyAsDouble(e);
                if (point < 0) {
                    return e;
                }
            }
            return last;
        };
    }

    /** nginx's smooth weighted round robin; weights may be fractional (slow start). */
    static LoadBalancer weightedRoundRobin() {
        return new LoadBalancer() {
            @Override
            public synchronized Endpoint choose(Endpoint[] c, ToDoubleFunction<Endpoint> w, Predicate<Endpoint> excluded) {
                double total = 0;
                Endpoint best = null;
                for (Endpoint e : c) {
                    if (excluded.test(e)) {
                        continue;
                    }
                    double we = w.applyAsDouble(e);
                    e.currentWeight += we;
                    total += we;
                    if (best == null || e.currentWeight > best.currentWeight) {
                        best = e;
                    }
                }
                if (best != null) {
                    best.currentWeight -= total;
                }
                return best;
            }
        };
    }

    /** Power of two choices on in-flight requests divided by weight (Envoy's least_request, choice 2). */
    static LoadBalancer leastRequest() {
        return (c, w, excluded) -> {
            int n = c.length;
            if (n == 0) {
                return null;
            }
            ThreadLocalRandom r = ThreadLocalRandom.current();
            Endpoint a = pickNonExcluded(c, r.nextInt(n), excluded);
            if (a == null) {
                return null;
            }
            Endpoint b = pickNonExcluded(c, r.nextInt(n), excluded);
            if (b == null || b == a) {
                return a;
            }
            double la = (a.active.get() + 1) / Math.max(1e-9, w.applyAsDouble(a));
            double lb = (b.active.get() + 1) / Math.max(1e-9, w.applyAsDouble(b));
            return lb < la ? b : a;
        };
    }

    private static Endpoint pickNonExcluded(Endpoint[] c, int start, Predicate<Endpoint> excluded) {
        for (int i = 0; i < c.length; i++) {
            Endpoint e = c[(start + i) % c.length];
            if (!excluded.test(e)) {
                return e;
            }
        }
        return null;
    }
}
