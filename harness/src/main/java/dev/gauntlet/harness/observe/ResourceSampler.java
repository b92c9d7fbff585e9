package dev.gauntlet.harness.observe;

import dev.gauntlet.harness.fault.Micros;
import dev.gauntlet.report.run.JsonlWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Samples resident memory, threads and open file descriptors of the run's parts from {@code /proc}
 * at a fixed period into {@code resources.jsonl}, and keeps the peak RSS of each part — the figures
 * that tell whether a 10-backend topology fits on a laptop, and whether a part leaks.
 */
public final class ResourceSampler implements AutoCloseable {

    /** A part to watch: its name and a supplier of its current pid (a restarted backend has a new one). */
    public record Part(String name, Supplier<Long> pid) {
    }

    private final List<Part> parts;
    private final JsonlWriter out;
    private final Clock clock;
    private final Map<String, Long> peakRssKib = new ConcurrentHashMap<>();
    private volatile java.util.function.Consumer<ResourceSample> listener = sample -> { };
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "resources");
        t.setDaemon(true);
        return t;
    });

    public ResourceSampler(List<Part> parts, Path file, Clock clock) {
        this.parts = List.copyOf(parts);
        this.out = new JsonlWriter(file, 1);
        this.clock = clock;
    }

    /** Called with every sample as it is taken (the soak command prints one a minute). */
    public ResourceSampler onSample(java.util.function.Consumer<ResourceSample> listener) {
        this.listener = listener;
        return this;
    }

    public ResourceSampler start(Duration period) {
        timer.scheduleAtFixedRate(this::sampleAll, 0, period.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void sampleAll() {
        for (Part part : parts) {
            sample(part.name(), part.pid().get()).ifPresent(s -> {
                out.write(s);
                peakRssKib.merge(s.part(), s.rssKib(), Math::max);
                listener.accept(s);
            });
        }
    }

    Optional<ResourceSample> sample(String name, long pid) {
        if (pid <= 0) {
            return Optional.empty();
        }
        Path proc = Path.of("/proc", String.valueOf(pid));
        try {
            long rss = 0;
            int threads = 0;
            for (String line : Files.readAllLines(proc.resolve("status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("\\D", ""));
                } else if (line.startsWith("Threads:")) {
                    threads = Integer.parseInt(line.replaceAll("\\D", ""));
                }
            }
            int fds;
            try (Stream<Path> s = Files.list(proc.resolve("fd"))) {
                fds = (int) s.count();
            }
            return Optional.of(new ResourceSample(Micros.now(clock), name, pid, rss, threads, fds));
        } catch (IOException | RuntimeException gone) {
            return Optional.empty(); // the process is between a crash and its restart
        }
    }

    /** Peak resident memory per part, in MiB, over the samples taken so far. */
    public Map<String, Double> peakRssMib() {
        Map<String, Double> mib = new java.util.TreeMap<>();
        peakRssKib.forEach((part, kib) -> mib.put(part, kib / 1024.0));
        return mib;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.close();
    }
}
