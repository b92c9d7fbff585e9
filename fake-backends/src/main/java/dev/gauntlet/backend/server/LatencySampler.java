package dev.gauntlet.backend.server;

import dev.gauntlet.backend.config.LatencyConfig;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.random.Well19937c;

/**
 * Draws data-path delays. A log-normal with median m and 99th percentile q has
 * {@code mu = ln m} and {@code sigma = ln(q/m) / z(0.99)}, so both numbers a user gives are hit exactly.
 *
 * <pre>{@code
 * LatencySampler s = LatencySampler.of(new LatencyConfig(null, ms(5), ms(20)), 42L);
 * long nanos = s.nextNanos();
 * }</pre>
 */
public final class LatencySampler {
    /** The standard normal's 0.99 quantile. */
    static final double Z_99 = 2.3263478740408408;
    /**
     * Samples are capped at this multiple of p99: the log-normal's tail is unbounded, and one
     * multi-minute delay would turn a latency scenario into a hang scenario nobody asked for.
     */
    static final double TAIL_CAP_OVER_P99 = 10.0;

    private final long fixedNanos;
    private final LogNormalDistribution distribution;
    private final double capNanos;

    private LatencySampler(long fixedNanos, LogNormalDistribution distribution, double capNanos) {
        this.fixedNanos = fixedNanos;
        this.distribution = distribution;
        this.capNanos = capNanos;
    }

    public static LatencySampler of(LatencyConfig config, long seed) {
        if (config.isFixed() || config.p99().equals(config.median())) {
            long fixed = config.isFixed() ? config.fixed().toNanos() : config.median().toNanos();
            return new LatencySampler(fixed, null, 0);
        }
        double median = config.median().toNanos();
        double p99 = config.p99().toNanos();
        double sigma = Math.log(p99 / median) / Z_99;
        LogNormalDistribution d = new LogNormalDistribution(new Well19937c(seed), Math.log(median), sigma,
                LogNormalDistribution.DEFAULT_INVERSE_ABSOLUTE_ACCURACY);
        return new LatencySampler(0, d, p99 * TAIL_CAP_OVER_P99);
    }

    /** The next delay in nanoseconds; thread-safe (the generator is not, so draws are serialised). */
    public long nextNanos() {
        if (distribution == null) {
            return fixedNanos;
        }
        double sample;
        synchronized (this) {
            sample = distribution.sample();
        }
        return (long) Math.min(sample, capNanos);
    }
}
