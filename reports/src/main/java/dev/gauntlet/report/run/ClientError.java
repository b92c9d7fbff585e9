package dev.gauntlet.report.run;

import java.util.Locale;

/**
 * Why a request got no HTTP answer, as the load client itself reported it: the closed set of words of
 * {@code requests.jsonl}'s {@code error}. Taken from the client's own error (Gatling's message naming its
 * exception), never inferred from how long the request took.
 *
 * <pre>{@code
 * ClientError e = ClientError.fromClientMessage("Request timeout to 127.0.0.1/127.0.0.1:8080 after 2000 ms");
 * e.id();        // "timeout"
 * e.timedOut();  // true
 * }</pre>
 */
public enum ClientError {
    /** No (complete) answer within the request timeout. */
    TIMEOUT("timeout", true),
    /** The TCP connect got no answer in time (a silent drop on the way). */
    CONNECT_TIMEOUT("connect_timeout", true),
    /** The TCP connect was refused (RST to the SYN: nothing listening). */
    CONNECT_REFUSED("connect_refused", false),
    /** The client reported a reset as such ({@code Connection reset by peer}, e.g. while writing the request). */
    RESET("reset", false),
    /**
     * The connection ended before the answer was complete. Gatling 3.15 reports a peer's FIN and a peer's RST
     * after the request alike ({@code PrematureCloseException}), so both are this word.
     */
    CLOSED("closed", false),
    /** The TLS handshake failed. */
    TLS("tls", false),
    /** Any other client error; the run's Gatling report keeps the message. */
    OTHER("other", false);

    private final String id;
    private final boolean timedOut;

    ClientError(String id, boolean timedOut) {
        this.id = id;
        this.timedOut = timedOut;
    }

    /** The word written to {@code requests.jsonl}. */
    public String id() {
        return id;
    }

    /** Whether the client gave up waiting (as opposed to being told no). */
    public boolean timedOut() {
        return timedOut;
    }

    /**
     * Classifies the load client's own error message (Gatling/Netty name the exception and its cause). Order
     * matters: a request timeout's message names the address it was connecting to, so timeouts are matched first.
     */
    public static ClientError fromClientMessage(String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (m.contains("requesttimeoutexception") || m.contains("request timeout")) {
            return TIMEOUT;
        }
        if (m.contains("connecttimeoutexception") || m.contains("connection timed out") || m.contains("connect timed out")) {
            return CONNECT_TIMEOUT;
        }
        if (m.contains("connection refused")) {
            return CONNECT_REFUSED;
        }
        if (m.contains("connection reset")) {
            return RESET;
        }
        if (m.contains("premature close") || m.contains("closedchannelexception") || m.contains("connection closed")
                || m.contains("remotely closed")) {
            return CLOSED;
        }
        if (m.contains("ssl") || m.contains("handshake") || m.contains("certificate")) {
            return TLS;
        }
        return OTHER;
    }

    /** The error of a recorded word; words of runs written before this set ("no response" ...) are {@link #OTHER}. */
    public static ClientError ofId(String id) {
        for (ClientError e : values()) {
            if (e.id.equals(id)) {
                return e;
            }
        }
        String word = id == null ? "" : id.toLowerCase(Locale.ROOT);
        return word.contains("timeout") || word.contains("timed out") ? TIMEOUT : OTHER;
    }
}
