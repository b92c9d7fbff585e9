package dev.gauntlet.gateway.config;

import java.time.Duration;

/**
 * Passive outlier detection. Consecutive 5xx answers and consecutive gateway failures (connect failure,
 * reset, timeout, 502/503/504) are counted separately; reaching either limit ejects the endpoint for
 * {@code baseEjectionTime * ejections} (capped at {@code maxEjectionTime}) + U[0, ejectionJitter].
 * At most {@code maxEjectionPercent}% of a cluster is ejected at once and never its last usable
 * endpoint. 0 for a limit disables that counter.
 *
 * <pre>{@code OutlierConfig.from(null).consecutive5xx()   // 5}</pre>
 */
public record OutlierConfig(boolean enabled, int consecutive5xx, int consecutiveGatewayFailure,
                            Duration baseEjectionTime, Duration maxEjectionTime, Duration ejectionJitter,
                            int maxEjectionPercent) {
    public static final boolean DEFAULT_ENABLED = true;
    public static final int DEFAULT_CONSECUTIVE_5XX = 5;
    public static final int DEFAULT_CONSECUTIVE_GATEWAY_FAILURE = 5;
    public static final Duration DEFAULT_BASE_EJECTION_TIME = Duration.ofSeconds(30);
    public static final Duration DEFAULT_MAX_EJECTION_TIME = Duration.ofSeconds(300);
    public static final Duration DEFAULT_EJECTION_JITTER = Duration.ZERO;
    public static final int DEFAULT_MAX_EJECTION_PERCENT = 50;

    public OutlierConfig {
        Check.range("consecutive5xx", consecutive5xx, 0, 1_000_000);
        Check.range("consecutiveGatewayFailure", consecutiveGatewayFailure, 0, 1_000_000);
        Check.positive("baseEjectionTime", baseEjectionTime);
        Check.positive("maxEjectionTime", maxEjectionTime);
        if (maxEjectionTime.compareTo(baseEjectionTime) < 0) {
            throw new ConfigInvalidException("maxEjectionTime", Durations.format(maxEjectionTime),
                    ">= baseEjectionTime (" + Durations.format(baseEjectionTime) + ")");
        }
        Check.nonNegative("ejectionJitter", ejectionJitter);
        Check.range("maxEjectionPercent", maxEjectionPercent, 0, 100);
    }

    public static OutlierConfig from(GatewaySpec.OutlierSpec s) {
        if (s == null) {
            s = new GatewaySpec.OutlierSpec(null, null, null, null, null, null, null);
        }
        return new OutlierConfig(Check.or(s.enabled(), DEFAULT_ENABLED),
                Check.or(s.consecutive5xx(), DEFAULT_CONSECUTIVE_5XX),
                Check.or(s.consecutiveGatewayFailure(), DEFAULT_CONSECUTIVE_GATEWAY_FAILURE),
                Check.duration(s.baseEjectionTime(), "baseEjectionTime", DEFAULT_BASE_EJECTION_TIME),
                Check.duration(s.maxEjectionTime(), "maxEjectionTime", DEFAULT_MAX_EJECTION_TIME),
                Check.duration(s.ejectionJitter(), "ejectionJitter", DEFAULT_EJECTION_JITTER),
                Check.or(s.maxEjectionPercent(), DEFAULT_MAX_EJECTION_PERCENT));
    }
}
