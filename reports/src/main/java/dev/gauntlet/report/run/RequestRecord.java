package dev.gauntlet.report.run;

/**
 * One line of {@code requests.jsonl}: one client request as Gatling saw it.
 *
 * @param startUs epoch microseconds when the request was sent
 * @param endUs   epoch microseconds when the response (or the error) arrived
 * @param status  HTTP status, 0 when no response arrived
 * @param backend the {@code x-backend-id} that served it, or null
 * @param flags   the gateway's {@code x-gauntlet-flags}, or null
 * @param error   the client-side error when status is 0 ({@code "timeout"}, {@code "connect"} ...)
 */
public record RequestRecord(long startUs, long endUs, int status, String backend, String flags, String error) {

    public boolean ok() {
        return status >= 200 && status < 400;
    }

    public double latencyMs() {
        return (endUs - startUs) / 1000.0;
    }
}
