package dev.gauntlet.harness.kind;

import java.util.Map;

/**
 * Turns a gateway's answer into our cause flags (the letters of {@code x-gauntlet-flags}, which are Envoy's
 * response flags): {@code UH} no healthy upstream, {@code UO} overflow, {@code UF} connect failure,
 * {@code URX} retries exhausted, {@code UT} upstream timeout, {@code NR} no route; null when the answer
 * carries no gateway cause (a backend's own answer). Pure, so scoring can relabel a saved answer.
 *
 * <pre>{@code labeler.flags(new Answer(503, Map.of(), "<html><body><h1>503 Service Unavailable</h1>\nNo server is available"))  // "UH"}</pre>
 */
@FunctionalInterface
public interface AnswerLabeler {

    /**
     * @param status  HTTP status
     * @param headers lower-case header name → value
     * @param body    the first bytes of the body (up to 512) when status ≥ 400, else empty
     */
    record Answer(int status, Map<String, String> headers, String body) {
    }

    String flags(Answer answer);

    /** Ours and Envoy's: the flags are in a response header. */
    static AnswerLabeler fromHeader(String header) {
        return a -> {
            String v = a.headers().get(header);
            return v == null || v.isBlank() || v.equals("-") ? null : v;
        };
    }
}
