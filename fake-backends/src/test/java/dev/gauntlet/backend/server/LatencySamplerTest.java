package dev.gauntlet.backend.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.backend.config.LatencyConfig;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LatencySamplerTest {
    private static final LatencyConfig DIST = new LatencyConfig(null, Duration.ofMillis(5), Duration.ofMillis(20));

    @Test
    void logNormalSamplesHaveTheConfiguredMedianAndP99() {
        LatencySampler s = LatencySampler.of(DIST, 42);
        long[] samples = new long[50_000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = s.nextNanos();
        }
        Arrays.sort(samples);
        assertThat(samples[samples.length / 2] / 1e6).as("median (ms)").isBetween(4.8, 5.2);
        assertThat(samples[(int) (samples.length * 0.99)] / 1e6).as("p99 (ms)").isBetween(19.0, 21.0);
        assertThat(samples[samples.length - 1]).as("cap at 10 x p99").isLessThanOrEqualTo(200_000_000L);
    }

    @Test
    void theSameSeedGivesTheSameSequence() {
        LatencySampler a = LatencySampler.of(DIST, 7);
        LatencySampler b = LatencySampler.of(DIST, 7);
        for (int i = 0; i < 100; i++) {
            assertThat(a.nextNanos()).as("sample %d", i).isEqualTo(b.nextNanos());
        }
    }

    @Test
    void fixedLatencyIsConstant() {
        assertThat(LatencySampler.of(LatencyConfig.fixed(Duration.ofMillis(3)), 1).nextNanos()).as("fixed 3ms")
                .isEqualTo(3_000_000L);
    }
}
