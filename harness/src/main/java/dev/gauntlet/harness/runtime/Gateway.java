package dev.gauntlet.harness.runtime;

/** The running gateway under test, as a process or a container, as the harness reaches it. */
public interface Gateway {

    /** Where Gatling sends the load, e.g. {@code http://127.0.0.1:41000}. */
    String baseUrl();

    /** Its admin API (events, config, metrics), on the host's loopback. */
    String adminUrl();

    /** Its process id on this host, -1 when not running. */
    long pid();

    boolean isAlive();

    /**
     * Stops it and waits until it is gone: SIGTERM, then SIGKILL after 3 s. A kind whose gateway needs a
     * gentler or different stop overrides this; the runtime calls it once, at the end of the run.
     */
    default void stop() {
        ProcessHandle.of(pid()).ifPresent(h -> {
            h.destroy();
            try {
                h.onExit().get(3, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                h.destroyForcibly();
                h.onExit().join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                h.destroyForcibly();
            }
        });
    }
}
