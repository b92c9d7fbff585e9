package dev.gauntlet.harness.run;

import dev.gauntlet.harness.fault.Micros;
import java.io.PrintStream;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The progress lines while a run is under way: every 5 s elapsed of total with the live figures
 * ({@link LiveStatus}: {@code [ 18.0s/60s] 200 req/s · ok 99.8% · NHU 0 ms · api 2/3 usable}), and each fault event.
 * Events are printed as their own lines when they happen, so the log reads as the run's story.
 */
final class Progress implements AutoCloseable {

    private final PrintStream out;
    private final Clock clock;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "progress");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<Long> startUs = new AtomicReference<>();
    private final long totalMs;
    private volatile java.util.function.Supplier<String> status = () -> "load running";

    Progress(PrintStream out, Clock clock, long totalMs) {
        this.out = out;
        this.clock = clock;
        this.totalMs = totalMs;
    }

    void loadStarted(long epochUs) {
        startUs.set(epochUs);
        ticker.scheduleAtFixedRate(this::tick, 5, 5, TimeUnit.SECONDS);
    }

    /** What each tick prints after the stamp (live figures); "load running" until set. */
    void status(java.util.function.Supplier<String> live) {
        this.status = live;
    }

    void event(String text) {
        out.println("  " + stamp() + " " + text);
    }

    void say(String text) {
        out.println(text);
    }

    private void tick() {
        Long start = startUs.get();
        if (start != null && (Micros.now(clock) - start) / 1000 > totalMs) {
            return; // the load is over; what follows is the wrap-up, told in its own lines
        }
        String line;
        try {
            line = status.get();
        } catch (RuntimeException e) {
            line = "load running";
        }
        out.println(stamp() + " " + line);
    }

    private String stamp() {
        Long start = startUs.get();
        if (start == null) {
            return "[setup]";
        }
        double s = (Micros.now(clock) - start) / 1e6;
        return String.format(java.util.Locale.ROOT, "[%5.1fs/%ds]", s, totalMs / 1000);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
