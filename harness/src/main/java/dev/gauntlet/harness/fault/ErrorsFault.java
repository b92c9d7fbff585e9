package dev.gauntlet.harness.fault;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code errors}: the backend answers a share {@code rate} of data requests with {@code status}
 * (a bad deploy, a canary). Health checks still pass; only passive outlier detection can see it.
 * Measured by {@value #PROBES} data requests: the Clopper–Pearson interval of the share answered
 * {@code status} must contain the asked rate (and, healed, the rate put back).
 */
final class ErrorsFault extends BehaviourFault {

    static final int PROBES = 60;
    private final double rate;
    private final int status;

    ErrorsFault(FaultContext ctx, FaultParams p) {
        super(ctx, "degraded", "none");
        this.rate = p.percent("rate") / 100.0;
        this.status = (int) p.count("status");
    }

    @Override
    ObjectNode patch() {
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        patch.putObject("errors").put("rate", rate).put("status", status);
        return patch;
    }

    @Override
    Verdict verifyEffect() throws Exception {
        return observeRate(rate, "asked");
    }

    /** Healed when the error share is consistent with the rate put back (usually 0: no error at all). */
    @Override
    Verdict verifyHealed() throws Exception {
        com.fasterxml.jackson.databind.JsonNode restored = saved().path("errors").path("rate");
        return observeRate(restored.isNumber() ? restored.asDouble() : 0.0, "restored");
    }

    /** {@value #PROBES} data requests, 10 at a time: the share answered {@code status}, whose interval must contain {@code expected}. */
    private Verdict observeRate(double expected, String which) throws Exception {
        DataSample s = sample(PROBES, 10, "/", FaultContext.PROBE_TIMEOUT_MS * 4);
        Binomial.Interval ci = s.share(r -> r.status() == status);
        int answered = s.count(r -> r.outcome() == Probe.Outcome.ANSWERED);
        ObjectNode probe = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                .put("requests", PROBES).put("answered", answered).put("errors", ci.k()).put("share", ci.share())
                .put("ci_low", ci.low()).put("ci_high", ci.high()).put("confidence", ci.confidence())
                .put(which + "_rate", expected).put("status", status);
        return new Verdict(answered == PROBES && ci.contains(expected), String.format(java.util.Locale.ROOT,
                "%d of %d data requests answered %d (%.0f%%, %.0f%% CI %.2f-%.2f, %s %.2f)", ci.k(), PROBES, status,
                ci.share() * 100, ci.confidence() * 100, ci.low(), ci.high(), which, expected), probe, s.endUs());
    }
}
