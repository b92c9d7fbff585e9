package dev.gauntlet.gateway.proxy;

import dev.gauntlet.gateway.config.BreakerConfig;
import dev.gauntlet.gateway.config.RetryConfig;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The arithmetic of retries, kept pure so it is tested without sockets: whether one more retry is
 * allowed now (max retries, the cluster's retry breaker, the retry budget) and how long to back off.
 *
 * <pre>{@code
 * if (RetryPolicy.allows(retry, breakers, used, activeRetries, activeRequests)) {
 *     Duration wait = RetryPolicy.backoff(retry, used + 1, random);
 * }
 * }</pre>
 */
public final class RetryPolicy {
    private RetryPolicy() {
    }

    /**
     * @param used           retries this request already made
     * @param activeRetries  retries in flight in the cluster
     * @param activeRequests requests in flight in the cluster
     */
    public static boolean allows(RetryConfig retry, BreakerConfig breakers, int used, int activeRetries,
                                 int activeRequests) {
        if (used >= retry.maxRetries()) {
            return false;
        }
        if (activeRetries >= breakers.maxRetries()) {
            return false;
        }
        // Envoy's retry_budget: retries in flight may be budgetPercent of requests in flight, but never
        // fewer than budgetMinConcurrency, so a quiet cluster can still retry.
        double budget = Math.max(retry.budgetMinConcurrency(), retry.budgetPercent() / 100.0 * activeRequests);
        return activeRetries < budget;
    }

    /** Full jitter: U[0, min(backoffMax, backoffBase * 2^(retry-1))], retry counted from 1. */
    public static Duration backoff(RetryConfig retry, int retryNumber, RandomGenerator random) {
        long base = retry.backoffBase().toNanos();
        int shift = Math.min(30, Math.max(0, retryNumber - 1));
        long exp = base > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : base << shift;
        long cap = Math.min(retry.backoffMax().toNanos(), exp);
        return cap <= 0 ? Duration.ZERO : Duration.ofNanos(random.nextLong(cap + 1));
    }
}
