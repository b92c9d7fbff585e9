package dev.gauntlet.harness.fault;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.harness.runtime.Backend;

/**
 * {@code memory_balloon}: the backend's heap grows by {@code mib} MiB (at {@code mibPerSecond}), or,
 * with {@code untilOom: true}, until the JVM dies of OutOfMemoryError — a real OOM crash, healed
 * like a crash by starting the process again. Verified by the backend's counter, or by its death.
 */
final class MemoryBalloonFault extends BehaviourFault {

    private static final long OOM_WAIT_MS = 30_000;
    private final long mib;
    private final long mibPerSecond;
    private final boolean untilOom;

    MemoryBalloonFault(FaultContext ctx, FaultParams p) {
        super(ctx);
        this.mib = p.count("mib");
        this.mibPerSecond = p.count("mibPerSecond");
        this.untilOom = p.flag("untilOom");
    }

    @Override
    public String truth() {
        return untilOom ? "down" : "degraded";
    }

    @Override
    public String detection() {
        return untilOom ? "fast_fail" : "none";
    }

    @Override
    ObjectNode patch() {
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        patch.putObject("memoryBalloon").put("mib", mib).put("mibPerSecond", mibPerSecond).put("untilOom", untilOom);
        return patch;
    }

    @Override
    Verdict verifyEffect() throws Exception {
        Backend backend = ctx.runtime().backend(ctx.endpoint().id());
        if (untilOom) {
            long deadline = System.nanoTime() + OOM_WAIT_MS * 1_000_000;
            while (backend.isAlive() && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L); // waiting on a real process to die
            }
            return new Verdict(!backend.isAlive(), backend.isAlive() ? "still alive after " + OOM_WAIT_MS + " ms"
                    : "the JVM died of OutOfMemoryError (exit " + backend.exitCode() + ")");
        }
        long balloon = 0;
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline && (balloon = control().stats().path("memory_balloon_mib").asLong()) < Math.min(mib, 1)) {
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L); // the balloon is filled by the backend's own thread
        }
        return new Verdict(balloon > 0, "backend reports a " + balloon + " MiB balloon");
    }

    @Override
    public Verification heal() throws Exception {
        if (!untilOom) {
            return super.heal();
        }
        String done = ctx.runtime().backend(ctx.endpoint().id()).restart();
        long effect = ctx.nowUs();
        Probe.Result probe = ctx.probeViaProxy(FaultContext.PROBE_TIMEOUT_MS);
        return new Verification(probe.outcome() == Probe.Outcome.ANSWERED, effect,
                done + " after the OOM; " + probe.describe(ctx.proxyWhere()));
    }
}
