package dev.gauntlet.backend.server;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters behind {@code GET /_control/stats}, rendered in snake_case like every status output.
 *
 * <pre>{@code
 * stats.served.increment();
 * ObjectNode json = stats.toJson();   // {"requests_received":1, "requests_served":1, ...}
 * }</pre>
 */
public final class Stats {
    final LongAdder received = new LongAdder();
    final LongAdder served = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder errorsInjected = new LongAdder();
    final LongAdder warmupAffected = new LongAdder();
    final LongAdder connectionFaults = new LongAdder();
    final LongAdder healthChecks = new LongAdder();
    final AtomicLong inFlight = new AtomicLong();
    final AtomicLong queued = new AtomicLong();
    final AtomicLong behaviourChanges = new AtomicLong();
    private final long startedNanos = System.nanoTime();

    /** A snapshot; {@code balloonMib} and {@code burnThreads} come from the resource effects. */
    public ObjectNode toJson(String id, long balloonMib, int burnThreads) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("id", id)
                .put("requests_received", received.sum())
                .put("requests_served", served.sum())
                .put("in_flight", inFlight.get())
                .put("queued", queued.get())
                .put("rejected", rejected.sum())
                .put("errors_injected", errorsInjected.sum())
                .put("warmup_affected", warmupAffected.sum())
                .put("connection_faults", connectionFaults.sum())
                .put("health_checks", healthChecks.sum())
                .put("behaviour_changes", behaviourChanges.get())
                .put("memory_balloon_mib", balloonMib)
                .put("cpu_burn_threads", burnThreads)
                .put("uptime_ms", (System.nanoTime() - startedNanos) / 1_000_000);
        return out;
    }
}
