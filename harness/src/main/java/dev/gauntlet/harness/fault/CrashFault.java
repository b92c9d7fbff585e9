package dev.gauntlet.harness.fault;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.harness.runtime.Backend;

/**
 * {@code crash}: SIGKILL the backend process ({@code docker kill} of its container); healed by {@code restart}
 * (a new process on the same port, or the same container started again on its address). Verified when
 * the backend's port refuses connections (a dead container's address answers nothing at all), and, on
 * restart, when the gateway's path to it answers again.
 */
final class CrashFault implements Fault {

    private final FaultContext ctx;

    CrashFault(FaultContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public String truth() {
        return "down";
    }

    @Override
    public String detection() {
        // Toxiproxy accepts, fails to dial the dead backend and closes at once: a fast failure.
        return "fast_fail";
    }

    /**
     * The death is watched from /proc while the kill is made (a container's process as the host sees it), so
     * the effect is stamped when the process was first seen dead, not when the kill call returned (docker kill
     * answers ~200 ms after the JVM is gone); then the port is probed. Without a pid, the probe's end is the stamp.
     */
    @Override
    public Verification inject() throws Exception {
        Backend backend = ctx.runtime().backend(ctx.endpoint().id());
        long pid = backend.pid();
        long called = ctx.nowUs();
        java.util.concurrent.CompletableFuture<ProcStats.Death> death = pid > 0
                ? java.util.concurrent.CompletableFuture.supplyAsync(() -> ProcStats.awaitDeath(pid, 10_000, ctx.clock()))
                : java.util.concurrent.CompletableFuture.completedFuture(new ProcStats.Death(0, 0));
        String done = backend.crash();
        ProcStats.Death d = death.get(15, java.util.concurrent.TimeUnit.SECONDS);
        Probe.Result probe = Probe.connect(ctx.endpoint().host(), ctx.endpoint().backendPort(), FaultContext.PROBE_TIMEOUT_MS);
        long probed = ctx.nowUs();
        // A dead process's port refuses; a dead container's address is gone, so its SYN goes unanswered.
        boolean gone = probe.outcome() == Probe.Outcome.REFUSED
                || (probe.outcome() == Probe.Outcome.CONNECT_TIMEOUT && !backend.isAlive());
        ObjectNode figures = JsonNodeFactory.instance.objectNode().put("pid", pid)
                .put("death_seen", d.seen()).put("port", probe.outcome().name().toLowerCase(java.util.Locale.ROOT))
                .put("probe_ms", ToxicFault.round(probe.millis()));
        if (d.seen()) {
            figures.put("death_seen_after_ms", ToxicFault.round((d.deadUs() - called) / 1000.0));
        }
        return new Verification(gone && (pid <= 0 || d.seen()), d.seen() ? d.deadUs() : probed,
                done + (d.seen() ? "; /proc saw pid " + pid + " dead " + Probe.fmt((d.deadUs() - called) / 1000.0)
                        + " ms after the kill began" : pid > 0 ? "; /proc did NOT see pid " + pid + " die" : "")
                        + "; " + probe.describe(ctx.backendWhere()), figures, 0);
    }

    @Override
    public Verification heal() {
        Backend backend = ctx.runtime().backend(ctx.endpoint().id());
        String done = backend.restart();
        // a JVM started a moment ago answers its first request slowly (a container's first dial also waits
        // for Docker's DNS to know the alias again): the probe asks whether it answers, not how fast
        Probe.Result probe = ctx.probeViaProxy(FaultContext.PROBE_TIMEOUT_MS * 4);
        long effect = ctx.nowUs();
        return Verification.of(probe.outcome() == Probe.Outcome.ANSWERED && probe.status() < 500, effect,
                done + "; " + probe.describe(ctx.proxyWhere()), ProbeFigures.of(probe));
    }
}
