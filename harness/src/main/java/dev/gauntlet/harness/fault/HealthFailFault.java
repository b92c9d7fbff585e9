package dev.gauntlet.harness.fault;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;

/**
 * {@code health_fail}: only the backend's health endpoint breaks — it answers {@code status}, or
 * answers after {@code latency}, or demands a token the gateway lacks ({@code auth: true} → 401) —
 * while the data path keeps serving. The guide's "health check failures" (2.4): a good gateway
 * falls back on panic mode rather than answering NHU. Verified by probing the health endpoint.
 */
final class HealthFailFault extends BehaviourFault {

    private final int status;
    private final Duration latency;
    private final boolean auth;

    HealthFailFault(FaultContext ctx, FaultParams p) {
        super(ctx);
        this.status = (int) p.count("status");
        this.latency = p.duration("latency");
        this.auth = p.flag("auth");
    }

    @Override
    public String truth() {
        return "degraded"; // the data path is good: an NHU now is avoidable
    }

    @Override
    public String detection() {
        return latency.isZero() ? "fast_fail" : "timeout";
    }

    @Override
    ObjectNode patch() {
        ObjectNode health = JsonNodeFactory.instance.objectNode();
        if (auth) {
            health.put("requireHeader", "authorization").put("requireValue", "Bearer gauntlet-secret");
        } else if (!latency.isZero()) {
            health.put("latency", latency.toMillis() + "ms");
        } else {
            health.put("status", status);
        }
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        patch.set("health", health);
        return patch;
    }

    @Override
    Verdict verifyEffect() {
        int timeout = (int) Math.max(FaultContext.PROBE_TIMEOUT_MS, latency.toMillis() + 500);
        Probe.Result health = Probe.http(ctx.endpoint().host(), ctx.endpoint().backendPort(), ctx.probePath(), timeout);
        Probe.Result data = Probe.http(ctx.endpoint().host(), ctx.endpoint().backendPort(), "/", FaultContext.PROBE_TIMEOUT_MS * 4);
        int expected = auth ? 401 : latency.isZero() ? status : 200;
        boolean healthBroken = health.status() == expected && (latency.isZero() || health.millis() >= latency.toMillis() * 0.9);
        boolean dataGood = data.outcome() == Probe.Outcome.ANSWERED && data.status() < 500;
        return new Verdict(healthBroken && dataGood, "health: " + health.describe(ctx.backendWhere() + ctx.probePath())
                + "; data path: " + data.describe(ctx.backendWhere() + "/"));
    }
}
