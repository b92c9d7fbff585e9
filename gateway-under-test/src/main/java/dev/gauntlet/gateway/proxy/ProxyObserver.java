package dev.gauntlet.gateway.proxy;

import dev.gauntlet.gateway.upstream.Cluster;
import dev.gauntlet.gateway.upstream.Endpoint;

/**
 * What the proxy reports as it works: each upstream try (passive outlier detection, metrics) and each
 * finished client request (metrics, access log). Called on I/O threads; must not block.
 *
 * <pre>{@code ProxyObserver o = ProxyObserver.NONE;}</pre>
 */
public interface ProxyObserver {
    ProxyObserver NONE = new ProxyObserver() {
    };

    default void attemptEnded(Cluster cluster, Endpoint endpoint, AttemptResult result, int status) {
    }

    /** A client request finished (its response was sent or its connection dropped). */
    default void requestEnded(RequestRecord record) {
    }

    /**
     * One finished client request. {@code cluster} is null when no route matched, {@code flag} the
     * x-gauntlet-flags value or null, {@code served} the endpoint whose answer was passed on or null.
     */
    record RequestRecord(String method, String path, String remote, Cluster cluster, int status, String flag,
                         Endpoint served, int attempts, long startMillis, long durationNanos) {
    }
}
