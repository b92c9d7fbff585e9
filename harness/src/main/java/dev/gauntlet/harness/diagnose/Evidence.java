package dev.gauntlet.harness.diagnose;

/**
 * One observation a finding rests on: the exact probe (or record) and what it saw, so a reader can repeat it.
 *
 * <pre>{@code
 * new Evidence(Evidence.Source.PROBE, "GET http://127.0.0.1:21001/health (Host: 127.0.0.1:21001)",
 *              "401 in 2.1 ms", null);
 * }</pre>
 *
 * @param source where it came from
 * @param what   the probe or record, exact enough to repeat (method, URL, headers; the log line; the config line)
 * @param saw    what it saw, with figures and units
 * @param atUs   when, on the run's monotonic clock (µs), or null for a live diagnosis or a config reading
 */
public record Evidence(Source source, String what, String saw, Long atUs) {

    /** The guide's five steps, plus the run's own records after a run. */
    public enum Source { PROBE, VIEW, LOG, CONFIG, NETWORK, HEALTH_CHECK, TRUTH, CLIENTS }

    public Evidence {
        java.util.Objects.requireNonNull(source, "source");
        java.util.Objects.requireNonNull(what, "what");
        java.util.Objects.requireNonNull(saw, "saw");
    }
}
