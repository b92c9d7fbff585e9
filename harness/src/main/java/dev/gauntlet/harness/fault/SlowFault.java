package dev.gauntlet.harness.fault;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;

/**
 * {@code slow}: the backend's data path answers after {@code latency} (a slow dependency, GC
 * trouble); its health endpoint stays fast, so only timeouts and latency-aware balancing help.
 * Verified by a data-path probe's round trip.
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

    @Override
    Verdict verifyEffect() {
        Probe.Result data = Probe.http(ctx.endpoint().host(), ctx.endpoint().backendPort(), "/",
                (int) latency.toMillis() * 2 + 1_000);
        return new Verdict(data.outcome() == Probe.Outcome.ANSWERED && data.millis() >= latency.toMillis() * 0.9,
                "data path: " + data.describe(ctx.backendWhere() + "/"));
    }
}
