package dev.gauntlet.harness.fault;

import org.apache.commons.math3.distribution.BetaDistribution;

/**
 * The exact (Clopper–Pearson) confidence interval of a share seen in {@code n} independent trials — how a
 * probe says "k of n connections were affected" with its uncertainty, and whether an asked share
 * (a toxic's toxicity, an error rate) is consistent with it.
 *
 * <pre>{@code
 * Binomial.Interval ci = Binomial.clopperPearson(17, 40, 0.99);   // [0.229, 0.637]
 * ci.contains(0.5);                                               // true: 50 % asked is consistent
 * }</pre>
 *
 * Computed from Beta quantiles (commons-math3): the textbook form, which also holds at k = 0 and k = n,
 * where commons-math3's own ClopperPearsonInterval builds an F distribution with 0 degrees of freedom.
 */
final class Binomial {

    /** The confidence every probe uses: a 1-in-100 chance of calling a correct fault unverified. */
    static final double CONFIDENCE = 0.99;

    record Interval(int k, int n, double low, double high, double confidence) {
        boolean contains(double p) {
            return p >= low && p <= high;
        }

        double share() {
            return n == 0 ? 0 : k / (double) n;
        }
    }

    private Binomial() {
    }

    static Interval clopperPearson(int k, int n, double confidence) {
        if (n <= 0 || k < 0 || k > n) {
            throw new IllegalArgumentException("k=" + k + " of n=" + n);
        }
        double alpha = 1 - confidence;
        double low = k == 0 ? 0 : new BetaDistribution(k, n - k + 1.0).inverseCumulativeProbability(alpha / 2);
        double high = k == n ? 1 : new BetaDistribution(k + 1.0, n - k).inverseCumulativeProbability(1 - alpha / 2);
        return new Interval(k, n, low, high, confidence);
    }

    /**
     * How many trials must all come out unaffected before "the effect is gone" is said with
     * {@link #CONFIDENCE}: if it still held with probability {@code p}, all {@code m} would miss it
     * with probability (1 − p)^m ≤ 1 − confidence.
     */
    static int trialsToRuleOut(double p, int cap) {
        if (p >= 1) {
            return 1;
        }
        if (p <= 0) {
            return cap;
        }
        return (int) Math.min(cap, Math.ceil(Math.log(1 - CONFIDENCE) / Math.log(1 - p)));
    }
}
