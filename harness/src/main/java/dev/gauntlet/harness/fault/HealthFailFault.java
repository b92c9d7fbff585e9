package dev.gauntlet.harness.fault;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;

/**
 * {@code health_fail}: only the backend's health endpoint breaks — it answers {@code status}, or
 * answers after {@code latency}, or demands a token the gateway lacks ({@code auth: true} → 401) —
 * while the data path keeps serving. The guide's "health check failures" (2.4): a good gateway
 * falls back on panic mode rather than answering NHU. Measured on the health endpoint (status, delay) and
 * one data request.
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

    /**
     * The health path answers what was asked (the status; 401 without the token; or later than the latency,
     * waiting at most 1.5 s for it) while a data request is still served.
     */
    @Override
    Verdict verifyEffect() throws Exception {
        long waited = SlowFault.waitedMs(latency);
        boolean tls = ctx.backendTlsMode() != null;
        Probe.Result health = Probe.http(ctx.endpoint().host(), ctx.endpoint().backendPort(), ctx.probePath(),
                (int) Math.max(FaultContext.PROBE_TIMEOUT_MS, waited + 200), tls);
        long seen = ctx.nowUs();
        Probe.Result data = Probe.http(ctx.endpoint().host(), ctx.endpoint().backendPort(), "/", FaultContext.PROBE_TIMEOUT_MS * 4, tls);
        boolean healthBroken;
        if (!latency.isZero()) {
            healthBroken = health.millis() >= waited * 0.98 && (health.outcome() == Probe.Outcome.ANSWERED
                    || (latency.toMillis() > waited && health.outcome() == Probe.Outcome.NO_ANSWER));
        } else {
            healthBroken = health.status() == (auth ? 401 : status);
        }
        boolean dataGood = data.outcome() == Probe.Outcome.ANSWERED && data.status() < 500;
        ObjectNode probe = JsonNodeFactory.instance.objectNode().put("health_status", health.status())
                .put("health_ms", ToxicFault.round(health.millis())).put("data_status", data.status())
                .put("data_ms", ToxicFault.round(data.millis()));
        if (latency.isZero()) {
            probe.put("asked_status", auth ? 401 : status);
        } else {
            probe.put("asked_latency_ms", latency.toMillis());
        }
        return new Verdict(healthBroken && dataGood, "health: " + health.describe(ctx.backendWhere() + ctx.probePath())
                + "; data path: " + data.describe(ctx.backendWhere() + "/"), probe, healthBroken ? seen : 0);
    }

    /** Healed when the health path answers the status put back (200 by default), in well under the latency. */
    @Override
    Verdict verifyHealed() throws Exception {
        com.fasterxml.jackson.databind.JsonNode restored = saved().path("health").path("status");
        int expected = restored.isNumber() ? restored.asInt() : 200;
        Probe.Result health = Probe.http(ctx.endpoint().host(), ctx.endpoint().backendPort(), ctx.probePath(),
                (int) Math.max(FaultContext.PROBE_TIMEOUT_MS * 4, SlowFault.waitedMs(latency) + 200), ctx.backendTlsMode() != null);
        boolean ok = health.status() == expected && (latency.isZero() || health.millis() < latency.toMillis() / 2.0);
        return new Verdict(ok, "health: " + health.describe(ctx.backendWhere() + ctx.probePath()) + " (expected " + expected + ")",
                ProbeFigures.of(health).put("expected_status", expected), 0);
    }
}
