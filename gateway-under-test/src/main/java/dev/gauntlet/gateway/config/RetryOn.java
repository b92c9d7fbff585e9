package dev.gauntlet.gateway.config;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Conditions under which a request may be retried on another endpoint (Envoy's x-envoy-retry-on):
 * {@code connect_failure} (could not connect), {@code reset} (connection dropped before a response),
 * {@code 5xx} (any 5xx answer, and also connect failure / reset), {@code gateway_error} (502, 503, 504).
 *
 * <pre>{@code RetryOn.parse("5xx", "retry.retryOn[0]")  // RetryOn.FIVE_XX}</pre>
 */
public enum RetryOn {
    CONNECT_FAILURE("connect_failure"), RESET("reset"), FIVE_XX("5xx"), GATEWAY_ERROR("gateway_error");

    private final String id;

    RetryOn(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static RetryOn parse(String text, String path) {
        for (RetryOn r : values()) {
            if (r.id.equals(text)) {
                return r;
            }
        }
        throw new ConfigInvalidException(path, text,
                Arrays.stream(values()).map(RetryOn::id).collect(Collectors.joining(" | ")));
    }
}
