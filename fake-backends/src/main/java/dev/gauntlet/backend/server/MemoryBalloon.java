package dev.gauntlet.backend.server;

import dev.gauntlet.backend.config.MemoryBalloonConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Live heap that grows in 1 MiB chunks (filled, so the pages are really resident) to a target, or
 * until {@link OutOfMemoryError}, after which the process exits with code 3 like a JVM run with
 * {@code -XX:+ExitOnOutOfMemoryError}. Shrinking the target releases chunks for the GC to reclaim.
 *
 * <pre>{@code
 * MemoryBalloon balloon = new MemoryBalloon("api-0");
 * balloon.apply(new MemoryBalloonConfig(40, 10, false));   // +10 MiB/s up to 40 MiB
 * }</pre>
 */
public final class MemoryBalloon {
    static final int CHUNK = 1024 * 1024;

    private final String id;
    private final List<byte[]> chunks = new ArrayList<>();
    private volatile MemoryBalloonConfig config = MemoryBalloonConfig.OFF;
    private Thread grower;

    public MemoryBalloon(String id) {
        this.id = id;
    }

    public synchronized void apply(MemoryBalloonConfig next) {
        if (next.equals(config)) {
            return;
        }
        config = next;
        if (grower == null && next.enabled()) {
            grower = new Thread(this::grow, "memory-balloon");
            grower.setDaemon(true);
            grower.start();
        }
        notifyAll();
    }

    public synchronized int mib() {
        return chunks.size();
    }

    private void grow() {
        while (true) {
            MemoryBalloonConfig c;
            synchronized (this) {
                c = config;
                while (chunks.size() > c.mib() && !c.untilOom()) {
                    chunks.remove(chunks.size() - 1);
                }
                if (chunks.size() >= c.mib() && !c.untilOom()) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                    continue;
                }
            }
            try {
                byte[] chunk = new byte[CHUNK];
                Arrays.fill(chunk, (byte) 1);
                synchronized (this) {
                    chunks.add(chunk);
                }
            } catch (OutOfMemoryError oom) {
                onOutOfMemory(c, oom);
            }
            if (c.mibPerSecond() > 0) {
                LockSupport.parkNanos(1_000_000_000L / c.mibPerSecond());
            }
        }
    }

    private void onOutOfMemory(MemoryBalloonConfig c, OutOfMemoryError oom) {
        int held;
        synchronized (this) {
            held = chunks.size();
            if (c.untilOom()) {
                chunks.clear();   // frees room to log the death
            } else {
                config = new MemoryBalloonConfig(held, c.mibPerSecond(), false);
            }
        }
        if (c.untilOom()) {
            System.err.println("java.lang.OutOfMemoryError: " + oom.getMessage() + " (memory balloon of backend "
                    + id + " at " + held + " MiB); exiting with code " + MemoryBalloonConfig.OOM_EXIT_CODE);
            System.err.flush();
            Runtime.getRuntime().halt(MemoryBalloonConfig.OOM_EXIT_CODE);
        }
        BackendLog.warn("memory balloon stopped at " + held + " MiB: the heap is full (" + oom.getMessage() + ")");
    }
}
