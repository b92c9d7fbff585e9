package dev.gauntlet.report.run;

/**
 * One line of {@code requests.jsonl}: one client request as Gatling saw it.
 *
 * @param startUs when the request was sent, in the run's time base (CLOCK_MONOTONIC µs; epoch µs in old runs)
 * @param endUs   when the response (or the error) arrived, in the same time base
 * @param status  HTTP status, 0 when no response arrived
 * @param backend the {@code x-backend-id} that served it, or null
 * @param flags   the gateway's {@code x-gauntlet-flags}, or null
 * @param error   the client-side error when status is 0: a {@link ClientError} word ({@code timeout},
 *                {@code connect_refused}, {@code reset} ...) taken from the client's own error; runs written
 *                before that may hold {@code "no response"}
 * @param stream  the load stream that sent it ({@code main} for a single stream; null in runs before streams)
 * @param request the name of the mix's request ({@code request} for a single path; null in runs before mixes)
 */
public record RequestRecord(long startUs, long endUs, int status, String backend, String flags, String error,
                            String stream, String request) {

    /** The stream of a run written before streams, and of a single-stream load. */
    public static final String MAIN = "main";

    /** A record with no stream or request name (the old single path). */
    public RequestRecord(long startUs, long endUs, int status, String backend, String flags, String error) {
        this(startUs, endUs, status, backend, flags, error, null, null);
    }

    /** The stream, {@code main} for runs written before streams. */
    public String streamName() {
        return stream == null ? MAIN : stream;
    }

    public boolean ok() {
        return status >= 200 && status < 400;
    }

    /** The client error, or null when an HTTP answer arrived. */
    public ClientError clientError() {
        return status != 0 ? null : ClientError.ofId(error);
    }

    public double latencyMs() {
        return (endUs - startUs) / 1000.0;
    }
}
