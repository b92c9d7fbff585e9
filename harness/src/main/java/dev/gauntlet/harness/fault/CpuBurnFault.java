package dev.gauntlet.harness.fault;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code cpu_burn}: {@code threads} threads in the backend spin for {@code share} of a core each,
 * so its requests and health checks compete for CPU (the guide's resource exhaustion). Measured from
 * /proc over one second: the burn threads' demand for CPU and what they and the whole process got.
 */
final class CpuBurnFault extends BehaviourFault {

    /** The fake backend names its burn threads {@code cpu-burn-<i>} (fake-backends CpuBurner). */
    static final String THREAD_PREFIX = "cpu-burn-";
    private static final long WINDOW_NANOS = 1_000_000_000L;
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

    /**
     * Over one second, from /proc: the burn threads' time running plus waiting runnable (schedstat) per
     * thread must be at least 90 % of the asked share — they demanded the CPU as asked; how much of it this
     * machine gave them is measured and reported (the process's CPU from /proc/pid/stat, the threads' own),
     * not required, since on a shared 2-core machine the scheduler decides that, not the fault.
     */
    @Override
    Verdict verifyEffect() throws Exception {
        long pid = ctx.runtime().backend(ctx.endpoint().id()).pid();
        // the burn threads start with the PUT's answer; give them a moment to appear before the window opens
        long appear = System.nanoTime() + 500_000_000L;
        while (ProcStats.threads(pid, THREAD_PREFIX).size() < threads && System.nanoTime() < appear) {
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000L); // polling /proc for real threads
        }
        ProcStats.Cpu before = ProcStats.cpu(pid, THREAD_PREFIX);
        long start = System.nanoTime();
        java.util.concurrent.locks.LockSupport.parkNanos(WINDOW_NANOS); // CPU is measured over a real interval
        ProcStats.Cpu after = ProcStats.cpu(pid, THREAD_PREFIX);
        double wall = System.nanoTime() - start;
        long seen = ctx.nowUs();
        double processCores = (after.processNanos() - before.processNanos()) / wall;
        double ran = (after.threadRunNanos() - before.threadRunNanos()) / wall;
        double demanded = (after.threadRunNanos() + after.threadWaitNanos() - before.threadRunNanos() - before.threadWaitNanos()) / wall;
        double asked = threads * share;
        boolean ok = after.threads() == threads && demanded >= asked * 0.9;
        ObjectNode probe = JsonNodeFactory.instance.objectNode().put("window_ms", ToxicFault.round(wall / 1e6))
                .put("burn_threads", after.threads()).put("asked_cores", asked).put("demanded_cores", demanded)
                .put("burn_cores", ran).put("process_cores", processCores);
        return new Verdict(ok, String.format(java.util.Locale.ROOT,
                "/proc: %d burn threads ran %.2f cores and were runnable for %.2f (asked %.2f); the process used %.2f cores over %.0f ms",
                after.threads(), ran, demanded, asked, processCores, wall / 1e6), probe, ok ? seen : 0);
    }

    /** Healed when /proc shows no burn thread left (each ends within its 10 ms slice). */
    @Override
    Verdict verifyHealed() throws Exception {
        long pid = ctx.runtime().backend(ctx.endpoint().id()).pid();
        long deadline = System.nanoTime() + 1_000_000_000L;
        java.util.List<String> left = ProcStats.threads(pid, THREAD_PREFIX);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000L); // polling /proc for real threads
            left = ProcStats.threads(pid, THREAD_PREFIX);
        }
        return new Verdict(left.isEmpty(), "/proc: " + (left.isEmpty() ? "no burn thread left" : "burn threads still there: " + left),
                JsonNodeFactory.instance.objectNode().put("burn_threads", left.size()), 0);
    }
}
