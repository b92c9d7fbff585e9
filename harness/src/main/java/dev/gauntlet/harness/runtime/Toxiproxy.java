package dev.gauntlet.harness.runtime;

import eu.rekawek.toxiproxy.Proxy;

/** The run's Toxiproxy server, as a process or a container: one proxy per endpoint. */
public interface Toxiproxy {

    /** The proxy in front of {@code endpointId}. */
    Proxy proxy(String endpointId);

    /** Its process id on this host, -1 when not running. */
    long pid();
}
