package dev.gauntlet.gateway.health;

import java.util.Locale;

/**
 * What the gateway believes about one endpoint. Only {@link #HEALTHY} endpoints are usable.
 * {@link #ABSENT} is the state of an endpoint that is not (or no longer) in the cluster, so that a DNS
 * answer adding or removing an address is a transition like any other.
 *
 * <pre>{@code EndpointState.UNHEALTHY.id()   // "unhealthy"}</pre>
 */
public enum EndpointState {
    HEALTHY, UNHEALTHY, EJECTED, ABSENT;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean usable() {
        return this == HEALTHY;
    }
}
