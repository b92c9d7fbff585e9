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

    /**
     * When the last {@link #crash} took effect, in epoch microseconds, if the runtime knows it better than
     * "when crash() returned"; 0 otherwise. A container's process dies while {@code docker kill} is still
     * answering (~200-300 ms here), and a gateway can eject it within that time.
     */
    default long lastExitUs() {
        return 0;
    }

    /** Starts it again on the same address and ports and waits until it is ready. */
    String restart();

    /** Freezes it: it accepts connections (the kernel does) and never answers. Returns once it is frozen. */
    String hang();

    /** Thaws what {@link #hang} froze. */
    String resume();

    /**
     * Whether {@link #hang} and {@link #resume} take effect somewhere inside the call rather than before it
     * returns with certainty: then the fault is stamped when the call was made, so a measured recovery is never
     * shorter than the real one (docker unpause returns tens of ms after the thaw; one CI run measured
     * 993 ms against a 1000 ms lower bound when stamped after). Processes: false, SIGCONT acts at once.
     */
    default boolean freezeTakesEffectDuringCall() {
        return false;
    }

    boolean isAlive();

    /** The exit code of its last run, or -1 while it runs. */
    int exitCode();

    /** Its process id on this host (a container's main process as the host sees it), -1 when not running. */
    long pid();
}
