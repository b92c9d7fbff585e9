package dev.gauntlet.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.gateway.config.BreakerConfig;
import dev.gauntlet.gateway.config.GatewaySpec;
import dev.gauntlet.gateway.config.RetryConfig;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static RetryConfig retry(int max, double pct, int min) {
        return RetryConfig.from(new GatewaySpec.RetrySpec(max, null, null, "25ms", "250ms", pct, min));
    }

    private static final BreakerConfig BREAKERS = new BreakerConfig(1024, 1024, 1024, 1000);

    @Test
    void stopsAtMaxRetries() {
        assertThat(RetryPolicy.allows(retry(2, 20, 3), BREAKERS, 1, 0, 1)).as("second retry").isTrue();
        assertThat(RetryPolicy.allows(retry(2, 20, 3), BREAKERS, 2, 0, 1)).as("third retry").isFalse();
    }

    @Test
    void budgetAllowsTheMinimumConcurrencyWhenQuiet() {
        RetryConfig r = retry(5, 20, 3);
        assertThat(RetryPolicy.allows(r, BREAKERS, 0, 2, 1)).as("2 in flight < min 3").isTrue();
        assertThat(RetryPolicy.allows(r, BREAKERS, 0, 3, 1)).as("3 in flight = min 3").isFalse();
    }

    @Test
    void budgetScalesWithActiveRequests() {
        RetryConfig r = retry(5, 20, 3);
        assertThat(RetryPolicy.allows(r, BREAKERS, 0, 19, 100)).as("19 < 20% of 100").isTrue();
        assertThat(RetryPolicy.allows(r, BREAKERS, 0, 20, 100)).as("20 = 20% of 100").isFalse();
    }

    @Test
    void retryBreakerCapsRetriesInFlight() {
        BreakerConfig tight = new BreakerConfig(1024, 1024, 1024, 1);
        assertThat(RetryPolicy.allows(retry(5, 100, 100), tight, 0, 1, 100)).as("breaker at 1").isFalse();
    }

    @Test
    void backoffIsFullJitterUnderAnExponentialCap() {
        RetryConfig r = retry(5, 20, 3);
        Random random = new Random(1);
        for (int i = 0; i < 500; i++) {
            assertThat(RetryPolicy.backoff(r, 1, random)).as("first retry").isBetween(Duration.ZERO, Duration.ofMillis(25));
            assertThat(RetryPolicy.backoff(r, 3, random)).as("third retry").isBetween(Duration.ZERO, Duration.ofMillis(100));
            assertThat(RetryPolicy.backoff(r, 10, random)).as("capped").isBetween(Duration.ZERO, Duration.ofMillis(250));
        }
        long max3 = 0;
        for (int i = 0; i < 500; i++) {
            max3 = Math.max(max3, RetryPolicy.backoff(r, 3, random).toMillis());
        }
        assertThat(max3).as("uses the whole range").isGreaterThan(80);
    }
}
