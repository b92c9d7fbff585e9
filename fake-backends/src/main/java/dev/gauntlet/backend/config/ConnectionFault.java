package dev.gauntlet.backend.config;

import java.util.Arrays;

/**
 * What the backend does to a data connection instead of answering normally.
 *
 * <pre>{@code
 * ConnectionFault.fromId("partial_body");   // PARTIAL_BODY
 * }</pre>
 */
public enum ConnectionFault {
    /** Answer normally. */
    NONE("none"),
    /** Send the status, headers and half the declared body, then close the connection (premature EOF). */
    CLOSE_MID_RESPONSE("close_mid_response"),
    /** Send the status, headers and half the declared body, then stall with the connection open. */
    PARTIAL_BODY("partial_body"),
    /** Never answer and never read more from the connection: the client's writes back up, reads time out. */
    STOP_READING("stop_reading");

    private final String id;

    ConnectionFault(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    static String[] ids() {
        return Arrays.stream(values()).map(ConnectionFault::id).toArray(String[]::new);
    }

    public static ConnectionFault fromId(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst().orElseThrow();
    }
}
