package dev.gauntlet.harness.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceGrowthTest {

    private static final long START = 1_000_000_000L;

    private static ResourceSample at(double minute, long rssMib, int fds, int threads) {
        return new ResourceSample(START + (long) (minute * 60_000_000L), "gateway", 7, rssMib * 1024, threads, fds);
    }

    @Test
    void growthIsMeasuredFromTheBaselineMinuteToTheEnd() {
        List<ResourceSample> samples = List.of(at(0, 60, 40, 20), at(4.9, 150, 90, 30), at(5.0, 200, 100, 30),
                at(9.9, 210, 100, 30));
        ResourceGrowth g = ResourceGrowth.of(samples, "gateway", START, 5);
        assertThat(g.rssGrowth()).as("warm-up growth before minute 5 does not count").isCloseTo(0.05, within(1e-9));
        assertThat(g.leaks()).isFalse();
        assertThat(g.describe()).contains("rss 200→210 MiB (+5.0%)").endsWith("stable");
    }

    @Test
    void fileDescriptorsGrowingPastTenPercentIsALeak() {
        List<ResourceSample> samples = List.of(at(5, 200, 100, 30), at(10, 205, 111, 30));
        ResourceGrowth g = ResourceGrowth.of(samples, "gateway", START, 5);
        assertThat(g.leaks()).as("fds +11%").isTrue();
        assertThat(g.describe()).contains("fds 100→111 (+11.0%)").endsWith("LEAK");
    }

    @Test
    void noSampleAfterTheBaselineMeansNoVerdict() {
        assertThat(ResourceGrowth.of(List.of(at(1, 100, 10, 10)), "gateway", START, 5)).isNull();
    }
}
