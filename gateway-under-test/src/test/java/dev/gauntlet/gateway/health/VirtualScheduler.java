package dev.gauntlet.gateway.health;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/**
 * A {@link Scheduler} in virtual time: {@link #advance} runs due tasks in time order, moving the
 * {@link FakeClock} to each task's instant, so timestamps in events are exact.
 */
public final class VirtualScheduler implements Scheduler {
    private final FakeClock clock;
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long seq;

    public VirtualScheduler(FakeClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        Task t = new Task(clock.instant().plus(delay), seq++, task);
        queue.add(t);
        return () -> t.cancelled = true;
    }

    /** Runs every task due within {@code d}, then leaves the clock at now + d. */
    public void advance(Duration d) {
        Instant end = clock.instant().plus(d);
        while (true) {
            Task next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.at.isAfter(end)) {
                    break;
                }
                queue.poll();
            }
            if (!next.cancelled) {
                clock.set(next.at);
                next.task.run();
            }
        }
        clock.set(end);
    }

    public synchronized int pending() {
        return (int) queue.stream().filter(t -> !t.cancelled).count();
    }

    private static final class Task implements Comparable<Task> {
        final Instant at;
        final long seq;
        final Runnable task;
        volatile boolean cancelled;

        Task(Instant at, long seq, Runnable task) {
            this.at = at;
            this.seq = seq;
            this.task = task;
        }

        @Override
        public int compareTo(Task o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
