package dev.gauntlet.harness.fault;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;

/**
 * {@code capacity}: the backend admits {@code maxConcurrency} requests at a time, queues up to
 * {@code queueSize}, serves each in {@code serviceTime}, and rejects the rest — so load beyond its
 * capacity turns into real queueing delay and then real rejections. Measured by a burst of data
 * requests one larger than the backend admits and queues: one is rejected, an admitted one takes the service time.
 */
final class CapacityFault extends BehaviourFault {

    private final long maxConcurrency;
    private final long queueSize;
    private final Duration serviceTime;

    CapacityFault(FaultContext ctx, FaultParams p) {
        super(ctx, "degraded", "none");
        this.maxConcurrency = p.count("maxConcurrency");
        this.queueSize = p.count("queueSize");
        this.serviceTime = p.duration("serviceTime");
    }

    @Override
    ObjectNode patch() {
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        patch.putObject("capacity").put("maxConcurrency", maxConcurrency).put("queueSize", queueSize)
                .put("serviceTime", serviceTime.toMillis() + "ms");
        return patch;
    }

    /** The most requests a probe sends at once to push the backend over its limit. */
    static final int MAX_BURST = 64;

    /** One more than the backend admits and queues: the last one must be rejected. */
    private int burst() {
        return (int) Math.min(MAX_BURST + 1, maxConcurrency + queueSize + 1);
    }

    /**
     * A burst of max + queue + 1 data requests at once (when that is at most {@value #MAX_BURST}): at least one
     * must be rejected with the reject status at once, and an admitted one must take the service time.
     */
    @Override
    Verdict verifyEffect() throws Exception {
        int rejectStatus = control().behaviour().path("capacity").path("rejectStatus").asInt(503);
        int n = burst();
        boolean exercised = n <= MAX_BURST;
        DataSample s = sample(exercised ? n : 1, n, "/", (int) (serviceTime.toMillis() * (queueSize + 2)) + 1_000);
        int rejected = s.count(r -> r.status() == rejectStatus);
        double slowest = s.answeredMillis().isEmpty() ? -1 : s.answeredMillis().get(s.answeredMillis().size() - 1);
        boolean served = serviceTime.isZero() || slowest >= serviceTime.toMillis() * 0.98;
        boolean limited = exercised && rejected >= 1;
        ObjectNode probe = figures(s, rejected, slowest).put("limit_exercised", exercised);
        String why = !exercised && serviceTime.isZero() ? "; neither the limit (" + (maxConcurrency + queueSize)
                + " > " + MAX_BURST + " requests) nor a service time can be observed" : "";
        return new Verdict(served && (limited || (!exercised && !serviceTime.isZero())), String.format(java.util.Locale.ROOT,
                "%d data requests at once: %d rejected with %d, slowest answer %.1f ms (service time %d ms)%s%s",
                s.size(), rejected, rejectStatus, slowest, serviceTime.toMillis(),
                exercised ? "" : "; the limit was not exercised (more than " + MAX_BURST + " requests)", why), probe, s.endUs());
    }

    /** Healed when the same burst is served without a rejection. */
    @Override
    Verdict verifyHealed() throws Exception {
        int rejectStatus = control().behaviour().path("capacity").path("rejectStatus").asInt(503);
        int n = Math.min(MAX_BURST, burst());
        DataSample s = sample(n, n, "/", (int) (serviceTime.toMillis() * (queueSize + 2)) + 1_000);
        int rejected = s.count(r -> r.status() == rejectStatus);
        int answered = s.count(r -> r.outcome() == Probe.Outcome.ANSWERED);
        double slowest = s.answeredMillis().isEmpty() ? -1 : s.answeredMillis().get(s.answeredMillis().size() - 1);
        return new Verdict(rejected == 0 && answered == n, String.format(java.util.Locale.ROOT,
                "%d data requests at once: %d answered, %d rejected with %d", n, answered, rejected, rejectStatus),
                figures(s, rejected, slowest), s.endUs());
    }

    private ObjectNode figures(DataSample s, int rejected, double slowest) {
        return JsonNodeFactory.instance.objectNode().put("requests", s.size()).put("rejected", rejected)
                .put("slowest_ms", ToxicFault.round(slowest)).put("asked_max_concurrency", maxConcurrency)
                .put("asked_queue_size", queueSize).put("asked_service_time_ms", serviceTime.toMillis());
    }
}
