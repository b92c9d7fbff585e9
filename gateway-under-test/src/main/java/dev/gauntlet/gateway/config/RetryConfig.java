package dev.gauntlet.gateway.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Retry policy of a cluster. Only idempotent methods are retried, never on the same endpoint. Backoff
 * between tries is full-jitter exponential: U[0, min(backoffMax, backoffBase * 2^(try-1))]. The retry
 * budget allows at most {@code max(budgetMinConcurrency, budgetPercent% of active requests)} retries
 * in flight (Envoy's retry_budget).
 *
 * <pre>{@code RetryConfig.from(null).maxRetries()   // 1}</pre>
 */
public record RetryConfig(int maxRetries, Set<RetryOn> retryOn, Duration perTryTimeout, Duration backoffBase,
                          Duration backoffMax, double budgetPercent, int budgetMinConcurrency) {
    public static final int DEFAULT_MAX_RETRIES = 1;
    public static final Set<RetryOn> DEFAULT_RETRY_ON = EnumSet.of(RetryOn.CONNECT_FAILURE, RetryOn.RESET);
    /** 0 = no per-try limit, only the cluster's upstreamTimeout. */
    public static final Duration DEFAULT_PER_TRY_TIMEOUT = Duration.ZERO;
    public static final Duration DEFAULT_BACKOFF_BASE = Duration.ofMillis(25);
    public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofMillis(250);
    public static final double DEFAULT_BUDGET_PERCENT = 20.0;
    public static final int DEFAULT_BUDGET_MIN_CONCURRENCY = 3;

    public RetryConfig {
        Check.range("maxRetries", maxRetries, 0, 10);
        retryOn = retryOn.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(retryOn));
        Check.nonNegative("perTryTimeout", perTryTimeout);
        Check.nonNegative("backoffBase", backoffBase);
        Check.nonNegative("backoffMax", backoffMax);
        if (backoffMax.compareTo(backoffBase) < 0) {
            throw new ConfigInvalidException("backoffMax", Durations.format(backoffMax),
                    ">= backoffBase (" + Durations.format(backoffBase) + ")");
        }
        Check.range("budgetPercent", budgetPercent, 0.0, 100.0);
        Check.range("budgetMinConcurrency", budgetMinConcurrency, 0, 1_000_000);
    }

    public static RetryConfig from(GatewaySpec.RetrySpec s) {
        if (s == null) {
            s = new GatewaySpec.RetrySpec(null, null, null, null, null, null, null);
        }
        Set<RetryOn> on = EnumSet.noneOf(RetryOn.class);
        if (s.retryOn() == null) {
            on.addAll(DEFAULT_RETRY_ON);
        } else {
            List<String> list = new ArrayList<>(s.retryOn());
            for (int i = 0; i < list.size(); i++) {
                on.add(RetryOn.parse(list.get(i), "retryOn[" + i + "]"));
            }
        }
        return new RetryConfig(Check.or(s.maxRetries(), DEFAULT_MAX_RETRIES), on,
                Check.duration(s.perTryTimeout(), "perTryTimeout", DEFAULT_PER_TRY_TIMEOUT),
                Check.duration(s.backoffBase(), "backoffBase", DEFAULT_BACKOFF_BASE),
                Check.duration(s.backoffMax(), "backoffMax", DEFAULT_BACKOFF_MAX),
                Check.or(s.budgetPercent(), DEFAULT_BUDGET_PERCENT),
                Check.or(s.budgetMinConcurrency(), DEFAULT_BUDGET_MIN_CONCURRENCY));
    }

    /** Whether a connect failure may be retried. */
    public boolean onConnectFailure() {
        return retryOn.contains(RetryOn.CONNECT_FAILURE) || retryOn.contains(RetryOn.FIVE_XX)
                || retryOn.contains(RetryOn.GATEWAY_ERROR);
    }

    /** Whether a reset before the response may be retried. */
    public boolean onReset() {
        return retryOn.contains(RetryOn.RESET) || retryOn.contains(RetryOn.FIVE_XX)
                || retryOn.contains(RetryOn.GATEWAY_ERROR);
    }

    /** Whether an upstream answer with this status may be retried. */
    public boolean onStatus(int status) {
        if (retryOn.contains(RetryOn.FIVE_XX) && status >= 500 && status <= 599) {
            return true;
        }
        return retryOn.contains(RetryOn.GATEWAY_ERROR) && (status == 502 || status == 503 || status == 504);
    }
}
