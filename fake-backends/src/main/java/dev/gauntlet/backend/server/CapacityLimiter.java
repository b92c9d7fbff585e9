package dev.gauntlet.backend.server;

import java.util.ArrayDeque;

/**
 * A non-blocking concurrency limit with a bounded FIFO queue. Nothing waits on a thread: a queued
 * request is a continuation that {@link #release()} starts when a slot frees, so thousands of
 * waiting requests cost no threads, only the queueing delay they really see.
 *
 * <pre>{@code
 * switch (limiter.admit(() -> start(exchange))) {
 *     case ADMITTED -> start(exchange);   // ... and limiter.release() when done
 *     case QUEUED -> { }                  // start(exchange) runs later, from release()
 *     case REJECTED -> reject(exchange);
 * }
 * }</pre>
 */
public final class CapacityLimiter {
    /** What became of a request asking for a slot. */
    public enum Admission { ADMITTED, QUEUED, REJECTED }

    private final int maxConcurrency;
    private final int queueSize;
    private final Stats stats;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private int active;

    CapacityLimiter(int maxConcurrency, int queueSize, Stats stats) {
        this.maxConcurrency = maxConcurrency;
        this.queueSize = queueSize;
        this.stats = stats;
    }

    /** Takes a slot, or queues {@code whenAdmitted} to run when one frees, or rejects. */
    public Admission admit(Runnable whenAdmitted) {
        synchronized (this) {
            if (active < maxConcurrency) {
                active++;
                return Admission.ADMITTED;
            }
            if (waiting.size() < queueSize) {
                waiting.addLast(whenAdmitted);
                stats.queued.incrementAndGet();
                return Admission.QUEUED;
            }
        }
        return Admission.REJECTED;
    }

    /** Frees a slot: hands it straight to the oldest waiting request, if any. */
    public void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.pollFirst();
            if (next == null) {
                active--;
                return;
            }
        }
        stats.queued.decrementAndGet();
        next.run();
    }
}
