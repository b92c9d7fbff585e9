package dev.gauntlet.gateway.config;

/**
 * Per-cluster circuit breakers (Envoy's thresholds and defaults): open upstream connections, requests
 * waiting for a connection, requests in flight, retries in flight. Over a limit the request is answered
 * {@code 503} with flag {@code UO} (a retry over its limit is simply not made).
 *
 * <pre>{@code BreakerConfig.from(null).maxRequests()   // 1024}</pre>
 */
public record BreakerConfig(int maxConnections, int maxPendingRequests, int maxRequests, int maxRetries) {
    public static final int DEFAULT_MAX_CONNECTIONS = 1024;
    public static final int DEFAULT_MAX_PENDING_REQUESTS = 1024;
    public static final int DEFAULT_MAX_REQUESTS = 1024;
    public static final int DEFAULT_MAX_RETRIES = 3;

    public BreakerConfig {
        Check.range("maxConnections", maxConnections, 1, 1_000_000);
        Check.range("maxPendingRequests", maxPendingRequests, 0, 1_000_000);
        Check.range("maxRequests", maxRequests, 1, 1_000_000);
        Check.range("maxRetries", maxRetries, 0, 1_000_000);
    }

    public static BreakerConfig from(GatewaySpec.BreakerSpec s) {
        if (s == null) {
            return new BreakerConfig(DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_PENDING_REQUESTS, DEFAULT_MAX_REQUESTS,
                    DEFAULT_MAX_RETRIES);
        }
        return new BreakerConfig(Check.or(s.maxConnections(), DEFAULT_MAX_CONNECTIONS),
                Check.or(s.maxPendingRequests(), DEFAULT_MAX_PENDING_REQUESTS),
                Check.or(s.maxRequests(), DEFAULT_MAX_REQUESTS), Check.or(s.maxRetries(), DEFAULT_MAX_RETRIES));
    }
}
