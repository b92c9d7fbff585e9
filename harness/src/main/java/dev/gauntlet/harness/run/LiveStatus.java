package dev.gauntlet.harness.run;

import dev.gauntlet.harness.load.LoadSignal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The live figures of the console's progress line, e.g. {@code 200 req/s · ok 99.8% · NHU 0 ms · api 2/3 usable}:
 * the measured requests finished since the last line, the share answered 2xx/3xx so far, the time the view
 * showed no usable endpoint of the cluster so far, and the view now. NHU here is sampled from the view every
 * {@link #SAMPLE_MS} ms, so it is a live indication within ±{@value #SAMPLE_MS} ms per transition; the scored
 * NHU in result.json is taken from the view's own stamps.
 *
 * <pre>{@code
 * LiveStatus live = new LiveStatus(signal, view::usable, "api", List.of("api-0", "api-1", "api-2")).start();
 * progress.status(live::line);
 * }</pre>
 */
final class LiveStatus implements AutoCloseable {

    static final long SAMPLE_MS = 100;

    private final LoadSignal load;
    private final Supplier<Map<String, Boolean>> view;
    private final String cluster;
    private final List<String> endpoints;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "live-status");
        t.setDaemon(true);
        return t;
    });
    private volatile long nhuMs;
    private long lastAnswered;
    private long lastNanos;

    /** The first line's rate is counted from {@code load}'s start (after the warm-up), not from now. */
    LiveStatus(LoadSignal load, Supplier<Map<String, Boolean>> view, String cluster, List<String> endpoints) {
        this.load = load;
        this.lastNanos = load.startNanos();
        this.view = view;
        this.cluster = cluster;
        this.endpoints = List.copyOf(endpoints);
    }

    /** Starts sampling the view for NHU (at load start). */
    LiveStatus start() {
        sampler.scheduleAtFixedRate(() -> {
            if (usable() == 0) {
                nhuMs += SAMPLE_MS;
            }
        }, SAMPLE_MS, SAMPLE_MS, TimeUnit.MILLISECONDS);
        return this;
    }

    private int usable() {
        Map<String, Boolean> now = view.get();
        return (int) endpoints.stream().filter(e -> Boolean.TRUE.equals(now.get(e))).count();
    }

    /** One progress line's figures; the rate is over the time since the previous call. */
    synchronized String line() {
        long answered = load.answered();
        long nanos = System.nanoTime();
        double seconds = Math.max(1e-3, (nanos - lastNanos) / 1e9); // 0 requests before the start: a rate of 0
        double rate = (answered - lastAnswered) / seconds;
        lastAnswered = answered;
        lastNanos = nanos;
        String ok = answered == 0 ? "ok -" : String.format(Locale.ROOT, "ok %.1f%%", 100.0 * load.ok() / answered);
        return String.format(Locale.ROOT, "%.0f req/s · %s · NHU %d ms · %s %d/%d usable", rate, ok, nhuMs, cluster,
                usable(), endpoints.size());
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
