package dev.gauntlet.harness.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A pool of identical fake backends.
 *
 * <pre>{@code
 * BackendPool api = new BackendPool("api", 3, behaviour);                        // static endpoints
 * BackendPool dns = new BackendPool("api", 2, behaviour, new DnsSpec("api.gauntlet.test", ofSeconds(5), List.of(0)));
 * }</pre>
 *
 * @param behaviour the fake backend's behaviour document, passed to each replica as it is
 * @param dns       how the gateway finds the pool through DNS, or null for a static endpoint list
 */
public record BackendPool(String pool, int replicas, ObjectNode behaviour, DnsSpec dns) {

    /** A pool the gateway reaches through a static endpoint list. */
    public BackendPool(String pool, int replicas, ObjectNode behaviour) {
        this(pool, replicas, behaviour, null);
    }

    public boolean usesDns() {
        return dns != null;
    }
}
