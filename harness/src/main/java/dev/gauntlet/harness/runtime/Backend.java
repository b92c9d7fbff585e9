package dev.gauntlet.harness.runtime;

import dev.gauntlet.harness.topology.EndpointPlan;

/**
 * One running fake backend replica, as a process or a container. The fault actions return one line
 * saying what they did ("pid 17539 killed (SIGKILL)", "container gauntlet-…-api-0 paused (docker pause)"),
 * which goes into the fault's verification note.
 */
public interface Backend {

    EndpointPlan plan();

    /** Kills it outright: SIGKILL, or {@code docker kill}. */
    String crash();

    /** Starts it again on the same address and ports and waits until it is ready. */
    String restart();

    /** Freezes it: it accepts connections (the kernel does) and never answers. Returns once it is frozen. */
    String hang();

    /** Thaws what {@link #hang} froze. */
    String resume();

    boolean isAlive();

    /** The exit code of its last run, or -1 while it runs. */
    int exitCode();

    /** Its process id on this host (a container's main process as the host sees it), -1 when not running. */
    long pid();
}
