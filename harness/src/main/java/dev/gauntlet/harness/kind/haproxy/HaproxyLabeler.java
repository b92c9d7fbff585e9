package dev.gauntlet.harness.kind.haproxy;

import dev.gauntlet.harness.kind.AnswerLabeler;

/**
 * HAProxy's answers labelled with our cause flags. The rendered config makes HAProxy say the cause itself in
 * {@code x-gauntlet-flags} ({@code http-after-response} rules in each backend, see
 * {@link HaproxyConfigRenderer}): its own 503 with no usable server ({@code nbsrv eq 0}) is {@code UH}, its own
 * 502/503 with servers left is {@code UF} (connect failure or empty answer after the retries), its own 504 is
 * {@code UT}, a retryable 5xx from a server is {@code URX}, the no-route backend's 404 is {@code NR}. Without
 * the header (an answer saved from another config), HAProxy's 503 page "No server is available to handle this
 * request" is read as {@code UH}: HAProxy uses that one page for every 503 it makes, so this fallback cannot
 * tell a connect failure apart.
 *
 * <pre>{@code String flags = new HaproxyLabeler().flags(answer);   // "UH", "UF", "UT", "URX", "NR" or null}</pre>
 */
final class HaproxyLabeler implements AnswerLabeler {

    static final String NO_SERVER_PAGE = "No server is available to handle this request";

    private final AnswerLabeler header = AnswerLabeler.fromHeader(HaproxyConfigRenderer.FLAGS_HEADER);

    @Override
    public String flags(Answer answer) {
        String flags = header.flags(answer);
        if (flags != null) {
            return flags;
        }
        if (answer.status() == 503 && answer.body() != null && answer.body().contains(NO_SERVER_PAGE)) {
            return "UH";
        }
        return null;
    }
}
