package dev.gauntlet.harness.kind.caddy;

import dev.gauntlet.harness.kind.AnswerLabeler;

/**
 * Labels Caddy's answers from {@code x-gauntlet-error}, which the rendered error route sets to
 * {@code {http.error.message}} on every answer Caddy makes itself, and {@code x-gauntlet-flags: NR} on the
 * no-route answer. Seen on Caddy 2.11.9:
 *
 * <pre>
 *   503  x-gauntlet-error: no upstreams available                        → UH (reverseproxy.go errNoUpstream)
 *   502  x-gauntlet-error: dial tcp 127.0.0.1:1: connect: connection refused → UF
 *   502  x-gauntlet-error: … EOF / connection reset by peer               → UF (reset before the answer)
 *   504  x-gauntlet-error: … timeout awaiting response headers            → UT (statusError: a net timeout)
 *   404  x-gauntlet-flags: NR                                             → NR
 * </pre>
 *
 * An answer without {@code x-gauntlet-error} came from a backend and carries no gateway cause.
 *
 * <pre>{@code new CaddyLabeler().flags(new Answer(503, Map.of("x-gauntlet-error", "no upstreams available"), ""))  // "UH"}</pre>
 */
public final class CaddyLabeler implements AnswerLabeler {

    @Override
    public String flags(Answer a) {
        String own = a.headers().get("x-gauntlet-flags");
        if (own != null && !own.isBlank()) {
            return own;
        }
        String error = a.headers().get("x-gauntlet-error");
        if (error == null || error.isBlank()) {
            return null;
        }
        if (error.contains("no upstreams available")) {
            return "UH";
        }
        if (a.status() == 504 || error.contains("timeout") || error.contains("deadline exceeded")) {
            return "UT";
        }
        if (a.status() == 502 || a.status() == 503) {
            return "UF";
        }
        return null;
    }
}
