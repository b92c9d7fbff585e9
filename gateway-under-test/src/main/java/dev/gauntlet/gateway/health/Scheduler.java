package dev.gauntlet.gateway.health;

import java.time.Duration;

/**
 * Runs a task after a delay. Injected so health checks can be tested in virtual time.
 *
 * <pre>{@code Scheduler.Cancellable c = scheduler.schedule(Duration.ofSeconds(1), this::check); c.cancel();}</pre>
 */
public interface Scheduler {
    Cancellable schedule(Duration delay, Runnable task);

    /** Handle of a scheduled task. */
    interface Cancellable {
        void cancel();
    }
}
