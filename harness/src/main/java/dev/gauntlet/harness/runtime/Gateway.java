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
}
