package dev.gauntlet.harness.fault;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;

/**
 * {@code slow}: the backend's data path answers after {@code latency} (a slow dependency, GC
 * trouble); its health endpoint stays fast, so only timeouts and latency-aware balancing help.
 * Measured by data requests' round trips.
 */
final class SlowFault extends BehaviourFault {

    private final Duration latency;

    SlowFault(FaultContext ctx, FaultParams p) {
        super(ctx, "degraded", "none");
        this.latency = p.duration("latency");
    }

    @Override
    ObjectNode patch() {
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        patch.putObject("latency").put("fixed", latency.toMillis() + "ms");
        return patch;
    }

    /** The wait a probe gives the slowed answer: the latency, at most 1.5 s so a run does not stall. */
    static long waitedMs(Duration latency) {
        return Math.min(latency.toMillis(), 1_500);
    }

    /**
     * Three data requests at once, each given the latency plus 200 ms (at most 1.7 s): every one must take at
     * least 98 % of the latency (a timer firing a little early), or, for a latency over 1.5 s, still be
     * unanswered when the probe stops waiting.
     */
    @Override
    Verdict verifyEffect() throws Exception {
        long waited = waitedMs(latency);
        DataSample s = sample(3, 3, "/", (int) waited + 200);
        boolean slow = s.results().stream().allMatch(r -> r.millis() >= waited * 0.98
                && (r.outcome() == Probe.Outcome.ANSWERED || (latency.toMillis() > waited && r.outcome() == Probe.Outcome.NO_ANSWER)));
        return new Verdict(slow, String.format(java.util.Locale.ROOT, "data path: 3 requests took %.1f ms at least, %.1f ms median (asked %d ms%s)",
                s.minMillis(), s.medianMillis(), latency.toMillis(), latency.toMillis() > waited ? ", waited " + waited + " ms" : ""),
                figures(s), s.endUs());
    }

    /** Healed when the data path answers in well under the latency again. */
    @Override
    Verdict verifyHealed() throws Exception {
        DataSample s = sample(3, 3, "/", (int) waitedMs(latency) + 200);
        boolean fast = s.results().stream().allMatch(r -> r.outcome() == Probe.Outcome.ANSWERED && r.millis() < latency.toMillis() / 2.0);
        return new Verdict(fast, String.format(java.util.Locale.ROOT, "data path: 3 requests, %.1f ms median (under half of %d ms: %s)",
                s.medianMillis(), latency.toMillis(), fast ? "yes" : "NO"), figures(s), s.endUs());
    }

    private ObjectNode figures(DataSample s) {
        return JsonNodeFactory.instance.objectNode().put("requests", s.size()).put("min_ms", ToxicFault.round(s.minMillis()))
                .put("median_ms", ToxicFault.round(s.medianMillis())).put("asked_latency_ms", latency.toMillis())
                .put("answered", s.count(r -> r.outcome() == Probe.Outcome.ANSWERED));
    }
}
