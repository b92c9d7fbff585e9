package dev.gauntlet.gateway.config;

import java.time.Duration;

/**
 * Slow start: for {@code window} after an endpoint turns healthy, its weight ramps linearly from
 * {@code minWeightPercent}% to 100%. A zero window (default, as Envoy) disables it.
 *
 * <pre>{@code new SlowStartConfig(Duration.ofSeconds(10), 10)}</pre>
 */
public record SlowStartConfig(Duration window, int minWeightPercent) {
    public static final Duration DEFAULT_WINDOW = Duration.ZERO;
    public static final int DEFAULT_MIN_WEIGHT_PERCENT = 10;

    public SlowStartConfig {
        Check.nonNegative("window", window);
        Check.range("minWeightPercent", minWeightPercent, 1, 100);
    }

    public static SlowStartConfig from(GatewaySpec.SlowStartSpec s) {
        if (s == null) {
            return new SlowStartConfig(DEFAULT_WINDOW, DEFAULT_MIN_WEIGHT_PERCENT);
        }
        return new SlowStartConfig(Check.duration(s.window(), "window", DEFAULT_WINDOW),
                Check.or(s.minWeightPercent(), DEFAULT_MIN_WEIGHT_PERCENT));
    }

    public boolean enabled() {
        return !window.isZero();
    }
}
