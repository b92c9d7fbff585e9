package dev.gauntlet.report.timeline;

import dev.gauntlet.report.run.RequestRecord;
import java.util.Arrays;
import java.util.List;

/**
 * Client requests bucketed by the second they were sent in (seconds since the run's start), with
 * per-second counts by {@link OutcomeCause}, success rate, and latency percentiles.
 *
 * <pre>{@code
 * PerSecond ps = PerSecond.of(dir.requests(), manifest.startUs(), 60);
 * ps.successRate(15);  // 0.66, or null when nothing was sent in second 15
 * ps.p99Ms(15);        // nearest-rank p99 of the requests sent in second 15
 * }</pre>
 *
 * <p>Requests are bucketed by start time, like the phase metrics, so a slow request counts where it
 * was sent. Requests sent before the origin are dropped; the bucket count grows to hold the last
 * request (one still in flight at the end counts). Percentiles are nearest-rank, so every value shown
 * is a latency some request really had. Immutable.
 */
public final class PerSecond {

    private final long[][] counts; // [second][cause ordinal]
    private final double[][] latencies; // [second] sorted latencies, ms

    private PerSecond(long[][] counts, double[][] latencies) {
        this.counts = counts;
        this.latencies = latencies;
    }

    /**
     * @param originUs   time zero, epoch microseconds ({@code manifest.startUs()})
     * @param minSeconds buckets to hold at least (the run's duration), even when empty
     */
    public static PerSecond of(List<RequestRecord> requests, long originUs, int minSeconds) {
        int seconds = Math.max(0, minSeconds);
        for (RequestRecord r : requests) {
            if (r.startUs() >= originUs) {
                seconds = Math.max(seconds, bucket(r, originUs) + 1);
            }
        }
        long[][] counts = new long[seconds][OutcomeCause.values().length];
        int[] sizes = new int[seconds];
        double[][] lat = new double[seconds][];
        for (RequestRecord r : requests) {
            if (r.startUs() >= originUs) {
                int s = bucket(r, originUs);
                counts[s][OutcomeCause.of(r).ordinal()]++;
                sizes[s]++;
            }
        }
        for (int s = 0; s < seconds; s++) {
            lat[s] = new double[sizes[s]];
        }
        int[] fill = new int[seconds];
        for (RequestRecord r : requests) {
            if (r.startUs() >= originUs) {
                int s = bucket(r, originUs);
                lat[s][fill[s]++] = r.latencyMs();
            }
        }
        for (double[] l : lat) {
            Arrays.sort(l);
        }
        return new PerSecond(counts, lat);
    }

    private static int bucket(RequestRecord r, long originUs) {
        return (int) Math.min(Integer.MAX_VALUE - 1, (r.startUs() - originUs) / 1_000_000L);
    }

    /** Number of one-second buckets. */
    public int seconds() {
        return counts.length;
    }

    public long total(int second) {
        return Arrays.stream(counts[second]).sum();
    }

    public long count(int second, OutcomeCause cause) {
        return counts[second][cause.ordinal()];
    }

    /** Fraction of the second's requests that were ok, or null when none was sent. */
    public Double successRate(int second) {
        long total = total(second);
        return total == 0 ? null : (double) count(second, OutcomeCause.OK) / total;
    }

    public Double p50Ms(int second) {
        return percentileMs(second, 50);
    }

    public Double p99Ms(int second) {
        return percentileMs(second, 99);
    }

    /** Nearest-rank percentile of the second's latencies, or null when none was sent. */
    public Double percentileMs(int second, double p) {
        double[] l = latencies[second];
        if (l.length == 0) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * l.length);
        return l[Math.max(0, Math.min(l.length - 1, rank - 1))];
    }

    /** Whether any request of the given cause occurred at all (for legends that list only what happened). */
    public boolean any(OutcomeCause cause) {
        for (long[] c : counts) {
            if (c[cause.ordinal()] > 0) {
                return true;
            }
        }
        return false;
    }
}
