package dev.gauntlet.harness.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/**
 * Real requests straight at a backend's data port (over TLS when it serves TLS), {@code parallel} at a time,
 * each with its outcome, round trip and run-time end stamp: how behaviour faults are observed — an error
 * share with its binomial interval, a latency measured, a limit hit.
 *
 * <pre>{@code
 * DataSample s = DataSample.take(ctx, 60, 10, "/", 2_000);
 * Binomial.Interval ci = s.share(r -> r.status() == 503);
 * }</pre>
 */
final class DataSample {

    record Timed(Probe.Result result, long endUs) {
    }

    private final List<Timed> results;

    private DataSample(List<Timed> results) {
        this.results = List.copyOf(results);
    }

    static DataSample take(FaultContext ctx, int n, int parallel, String path, int timeoutMs) throws Exception {
        boolean tls = ctx.backendTlsMode() != null;
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(n, parallel)));
        try {
            List<Future<Timed>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    Probe.Result r = Probe.http(ctx.endpoint().host(), ctx.endpoint().backendPort(), path, timeoutMs, tls);
                    return new Timed(r, ctx.nowUs());
                }));
            }
            List<Timed> out = new ArrayList<>();
            for (Future<Timed> f : futures) {
                out.add(f.get());
            }
            return new DataSample(out);
        } finally {
            pool.shutdownNow();
        }
    }

    List<Probe.Result> results() {
        return results.stream().map(Timed::result).toList();
    }

    int size() {
        return results.size();
    }

    int count(Predicate<Probe.Result> which) {
        return (int) results.stream().filter(t -> which.test(t.result())).count();
    }

    Binomial.Interval share(Predicate<Probe.Result> which) {
        return Binomial.clopperPearson(count(which), size(), Binomial.CONFIDENCE);
    }

    /** Round trips of the answered requests, sorted. */
    List<Double> answeredMillis() {
        return results.stream().filter(t -> t.result().outcome() == Probe.Outcome.ANSWERED)
                .map(t -> t.result().millis()).sorted().toList();
    }

    double minMillis() {
        return results.stream().mapToDouble(t -> t.result().millis()).min().orElse(-1);
    }

    double medianMillis() {
        return StreamProbe.median(results.stream().map(t -> t.result().millis()).toList());
    }

    /** When the last request ended. */
    long endUs() {
        return results.stream().mapToLong(Timed::endUs).max().orElse(0);
    }

    /** When the first request matching {@code which} ended, or 0. */
    long firstEndUs(Predicate<Probe.Result> which) {
        return results.stream().filter(t -> which.test(t.result())).mapToLong(Timed::endUs).min().orElse(0);
    }
}
