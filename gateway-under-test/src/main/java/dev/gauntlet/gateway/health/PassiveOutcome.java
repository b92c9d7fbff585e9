package dev.gauntlet.gateway.health;

/**
 * What one upstream try told passive outlier detection about its endpoint.
 *
 * <pre>{@code detector.record(health, PassiveOutcome.of5xx(503));}</pre>
 */
public enum PassiveOutcome {
    /** An answer below 500: resets both counters. */
    SUCCESS,
    /** 500, 501, 505…599: counts toward consecutive5xx only. */
    SERVER_ERROR,
    /** 502, 503, 504: counts toward both consecutive5xx and consecutiveGatewayFailure (Envoy's rule). */
    GATEWAY_ERROR_STATUS,
    /** Connect failure, reset before a response, or timeout: counts toward consecutiveGatewayFailure. */
    LOCAL_FAILURE;

    public static PassiveOutcome ofStatus(int status) {
        if (status == 502 || status == 503 || status == 504) {
            return GATEWAY_ERROR_STATUS;
        }
        return status >= 500 && status <= 599 ? SERVER_ERROR : SUCCESS;
    }
}
