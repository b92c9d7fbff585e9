package dev.gauntlet.harness.fault;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;

/**
 * {@code capacity}: the backend admits {@code maxConcurrency} requests at a time, queues up to
 * {@code queueSize}, serves each in {@code serviceTime}, and rejects the rest — so load beyond its
 * capacity turns into real queueing delay and then real rejections. Verified by reading the
 * behaviour back and by a probe's round trip including the service time.
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

    @Override
    Verdict verifyEffect() throws Exception {
        long max = control().behaviour().path("capacity").path("maxConcurrency").asLong();
        Probe.Result data = Probe.http(ctx.endpoint().host(), ctx.endpoint().backendPort(), "/",
                (int) serviceTime.toMillis() * 4 + 1_000);
        return new Verdict(max == maxConcurrency && data.millis() >= serviceTime.toMillis() * 0.9,
                "capacity.maxConcurrency now " + max + "; data path: " + data.describe(ctx.backendWhere() + "/"));
    }
}
