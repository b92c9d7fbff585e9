package dev.gauntlet.harness.fault;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code errors}: the backend answers a share {@code rate} of data requests with {@code status}
 * (a bad deploy, a canary). Health checks still pass; only passive outlier detection can see it.
 * Verified statistically by {@value #PROBES} data-path probes.
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
    Verdict verifyEffect() {
        int hits = countDataStatus(PROBES, status, FaultContext.PROBE_TIMEOUT_MS * 4);
        double seen = hits / (double) PROBES;
        double tolerance = 3 * Math.sqrt(Math.max(rate * (1 - rate), 0.01) / PROBES) + 0.02;
        return new Verdict(Math.abs(seen - rate) <= tolerance, String.format(java.util.Locale.ROOT,
                "%d of %d data probes answered %d (%.0f%%, configured %.0f%%)", hits, PROBES, status, seen * 100, rate * 100));
    }
}
