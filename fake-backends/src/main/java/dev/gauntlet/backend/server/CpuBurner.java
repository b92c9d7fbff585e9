package dev.gauntlet.backend.server;

import dev.gauntlet.backend.config.CpuBurnConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Threads that spin for {@code share} of every {@link #SLICE_NANOS} and park for the rest, taking
 * real CPU away from request handling the way a runaway loop or a GC storm would.
 *
 * <pre>{@code
 * CpuBurner burner = new CpuBurner();
 * burner.apply(new CpuBurnConfig(2, 0.9));   // two threads at 90% of a core each
 * burner.apply(CpuBurnConfig.OFF);
 * }</pre>
 */
public final class CpuBurner {
    /** Short slices keep the burn smooth, so latency suffers evenly rather than in bursts. */
    static final long SLICE_NANOS = 10_000_000L;

    private CpuBurnConfig config = CpuBurnConfig.OFF;
    private final List<Thread> threads = new ArrayList<>();
    private volatile long generation;

    public synchronized void apply(CpuBurnConfig next) {
        if (next.equals(config)) {
            return;
        }
        config = next;
        long gen = ++generation;
        threads.clear();
        if (!next.enabled()) {
            return;
        }
        long busy = (long) (SLICE_NANOS * next.share());
        for (int i = 0; i < next.threads(); i++) {
            Thread t = new Thread(() -> burn(gen, busy), "cpu-burn-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
    }

    public synchronized int threads() {
        return config.enabled() ? threads.size() : 0;
    }

    private void burn(long gen, long busyNanos) {
        long sink = 0;
        // Slices on a fixed grid: a thread that lost its CPU to others catches up with the grid rather
        // than stretching its slices, so it never asks for more than its share. A thread preempted past the
        // end of its slice is already in a later slice: it spins that slice's busy part (what is left of it)
        // instead of parking to the next grid point, which made a 1.0 share ask for only ~0.66 of a core
        // on a loaded machine (run + runnable time from /proc, measured by the harness's cpu_burn probe).
        long sliceStart = System.nanoTime();
        while (generation == gen) {
            while (System.nanoTime() - sliceStart < busyNanos) {
                sink += sliceStart ^ sink * 31;
            }
            long elapsed = System.nanoTime() - sliceStart;
            if (elapsed >= SLICE_NANOS) {
                sliceStart += SLICE_NANOS * (elapsed / SLICE_NANOS);
                continue;
            }
            sliceStart += SLICE_NANOS;
            long idle = sliceStart - System.nanoTime();
            if (idle > 0) {
                LockSupport.parkNanos(idle);
            }
        }
        if (sink == 42) {
            // Uses the result so the JIT cannot drop the loop.
            Thread.onSpinWait();
        }
    }
}
