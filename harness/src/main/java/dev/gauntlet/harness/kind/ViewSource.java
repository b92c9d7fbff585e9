package dev.gauntlet.harness.kind;

import java.time.Duration;
import java.util.Map;

/**
 * A running reader of a gateway's view (an event stream, a log tailed, an admin API polled). It must stamp
 * transitions as close to their source as the gateway allows and say how coarse that is.
 */
public interface ViewSource extends AutoCloseable {

    /**
     * How late (µs) a transition's stamp may be after the transition itself: 0 for stamps taken where the
     * transition happened (our SSE, Envoy's event log), the log's resolution (nginx: 1 s), or a poll interval.
     * Carried into the bracket of every detection and recovery figure taken from this view.
     */
    long resolutionUs();

    /** Where the stamps come from, for run.json and the report, e.g. {@code "haproxy log via syslog socket"}. */
    String describe();

    /** Blocks until the view holds {@code endpoints} endpoints, all usable. */
    boolean awaitAllUsable(int endpoints, Duration timeout) throws InterruptedException;

    /** Endpoint id → usable, as last seen. */
    Map<String, Boolean> usable();

    @Override
    void close();
}
