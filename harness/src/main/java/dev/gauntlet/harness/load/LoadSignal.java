package dev.gauntlet.harness.load;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The moment Gatling starts injecting, handed from the simulation (which Gatling instantiates
 * itself, so it cannot be given objects) to the fault scheduler. One instance per run, installed
 * before Gatling starts; Gatling runs one simulation at a time.
 */
public final class LoadSignal {

    private static volatile LoadSignal current = new LoadSignal();

    private final CountDownLatch started = new CountDownLatch(1);
    private volatile long startNanos;
    private volatile long startUs;
    private volatile long endUs;
    private volatile dev.gauntlet.report.run.JsonlWriter records;
    private final java.util.concurrent.atomic.LongAdder answered = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder good = new java.util.concurrent.atomic.LongAdder();

    public static LoadSignal reset() {
        current = new LoadSignal();
        return current;
    }

    public static LoadSignal current() {
        return current;
    }

    void fire(long nanos, long epochUs) {
        startNanos = nanos;
        startUs = epochUs;
        started.countDown();
    }

    void ended(long epochUs) {
        endUs = epochUs;
    }

    /** When the last virtual user finished (0 while load is running): the end of the run's window. */
    public long endUs() {
        return endUs;
    }

    void attach(dev.gauntlet.report.run.JsonlWriter writer) {
        records = writer;
    }

    /** Flushes the requests recorded so far (an aborted run keeps them). */
    public void flushRecords() {
        dev.gauntlet.report.run.JsonlWriter writer = records;
        if (writer != null) {
            try {
                writer.flush();
            } catch (RuntimeException closed) {
                // already closed by the simulation: everything was flushed then
            }
        }
    }

    /** One measured request finished; {@code ok}: a 2xx/3xx answer. For the console's live figures only. */
    void count(boolean ok) {
        answered.increment();
        if (ok) {
            good.increment();
        }
    }

    /** Measured requests finished so far. */
    public long answered() {
        return answered.sum();
    }

    /** Of those, answered 2xx/3xx. */
    public long ok() {
        return good.sum();
    }

    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        return started.await(timeout, unit);
    }

    public long startNanos() {
        return startNanos;
    }

    public long startUs() {
        return startUs;
    }
}
