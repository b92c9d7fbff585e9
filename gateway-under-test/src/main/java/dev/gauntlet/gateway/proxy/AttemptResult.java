package dev.gauntlet.gateway.proxy;

import java.util.Locale;

/**
 * How one upstream try ended, as passive health and metrics see it.
 *
 * <pre>{@code observer.attemptEnded(cluster, endpoint, AttemptResult.CONNECT_FAILURE, 0);}</pre>
 */
public enum AttemptResult {
    /** An answer below 500. */
    SUCCESS,
    /** An answer 500-599 (status given separately). */
    STATUS_5XX,
    CONNECT_FAILURE,
    /** Connection dropped after it was made, before a response. */
    RESET,
    TIMEOUT;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Envoy's "gateway failure": the endpoint could not be reached or did not answer. */
    public boolean gatewayFailure() {
        return this == CONNECT_FAILURE || this == RESET || this == TIMEOUT;
    }
}
