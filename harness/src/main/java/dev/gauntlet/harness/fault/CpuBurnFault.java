package dev.gauntlet.harness.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code cpu_burn}: {@code threads} threads in the backend spin for {@code share} of a core each,
 * so its requests and health checks compete for CPU (the guide's resource exhaustion). Verified by
 * the backend's own counter and the process's CPU time rising faster than wall time would allow idle.
 */
final class CpuBurnFault extends BehaviourFault {

    /** On a busy machine the burn threads get only part of a core; a tenth of the ask still proves a burn. */
    private static final double BUSY_MACHINE_FACTOR = 0.1;
    private final long threads;
    private final double share;

    CpuBurnFault(FaultContext ctx, FaultParams p) {
        super(ctx, "degraded", "none");
        this.threads = p.count("threads");
        this.share = p.fraction("share");
    }

    @Override
    ObjectNode patch() {
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        patch.putObject("cpuBurn").put("threads", threads).put("share", share);
        return patch;
    }

    @Override
    Verdict verifyEffect() throws Exception {
        long pid = ctx.runtime().backend(ctx.endpoint().id()).pid();
        java.time.Duration before = ProcessHandle.of(pid).flatMap(h -> h.info().totalCpuDuration()).orElse(java.time.Duration.ZERO);
        long wallStart = System.nanoTime();
        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000_000L); // measure CPU over a real interval
        java.time.Duration after = ProcessHandle.of(pid).flatMap(h -> h.info().totalCpuDuration()).orElse(java.time.Duration.ZERO);
        double cores = (after.minus(before).toNanos()) / (double) (System.nanoTime() - wallStart);
        JsonNode stats = control().stats();
        int burning = stats.path("cpu_burn_threads").asInt();
        return new Verdict(burning == threads && cores >= threads * share * BUSY_MACHINE_FACTOR, String.format(java.util.Locale.ROOT,
                "backend reports %d burn threads; process used %.2f cores over 1 s", burning, cores));
    }
}
