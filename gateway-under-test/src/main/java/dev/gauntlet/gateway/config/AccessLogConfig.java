package dev.gauntlet.gateway.config;

/**
 * One access-log line per request on the {@code access} logger (stdout, asynchronous, lossy under
 * overload rather than slowing the data path).
 *
 * <pre>{@code AccessLogConfig.from(null).enabled()   // true}</pre>
 */
public record AccessLogConfig(boolean enabled) {
    public static final boolean DEFAULT_ENABLED = true;

    public static AccessLogConfig from(GatewaySpec.AccessLogSpec s) {
        return new AccessLogConfig(s == null || s.enabled() == null ? DEFAULT_ENABLED : s.enabled());
    }
}
