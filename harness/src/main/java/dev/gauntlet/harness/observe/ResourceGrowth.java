package dev.gauntlet.harness.observe;

import java.util.List;
import java.util.Locale;

/**
 * The leak check of a soak run: a part's resident memory, open file descriptors and threads at a
 * baseline minute against the end of the run. Growth beyond {@link #MAX_GROWTH} of any of the three
 * is a leak: after the warm-up a well-behaved gateway under steady load plateaus.
 *
 * <pre>{@code
 * ResourceGrowth g = ResourceGrowth.of(samples, "gateway", loadStartUs, 5);
 * if (g.leaks()) { ... }
 * }</pre>
 *
 * @param baseline the first sample at or after the baseline minute
 * @param end      the last sample of the run
 */
public record ResourceGrowth(String part, ResourceSample baseline, ResourceSample end) {

    public static final double MAX_GROWTH = 0.10;

    /** Null when the part has no sample at or after the baseline minute. */
    public static ResourceGrowth of(List<ResourceSample> samples, String part, long loadStartUs, double baselineMinute) {
        long baselineUs = loadStartUs + (long) (baselineMinute * 60_000_000L);
        List<ResourceSample> mine = samples.stream().filter(s -> s.part().equals(part)).toList();
        ResourceSample base = mine.stream().filter(s -> s.tUs() >= baselineUs).findFirst().orElse(null);
        if (base == null || mine.isEmpty()) {
            return null;
        }
        return new ResourceGrowth(part, base, mine.get(mine.size() - 1));
    }

    public double rssGrowth() {
        return growth(baseline.rssKib(), end.rssKib());
    }

    public double fdGrowth() {
        return growth(baseline.fds(), end.fds());
    }

    public double threadGrowth() {
        return growth(baseline.threads(), end.threads());
    }

    public boolean leaks() {
        return rssGrowth() > MAX_GROWTH || fdGrowth() > MAX_GROWTH || threadGrowth() > MAX_GROWTH;
    }

    public String describe() {
        return String.format(Locale.ROOT, "%s: rss %d→%d MiB (%+.1f%%), fds %d→%d (%+.1f%%), threads %d→%d (%+.1f%%)%s",
                part, baseline.rssKib() / 1024, end.rssKib() / 1024, rssGrowth() * 100, baseline.fds(), end.fds(),
                fdGrowth() * 100, baseline.threads(), end.threads(), threadGrowth() * 100,
                leaks() ? " — grew more than " + Math.round(MAX_GROWTH * 100) + "%: LEAK" : " — stable");
    }

    private static double growth(double from, double to) {
        return from <= 0 ? 0 : (to - from) / from;
    }
}
