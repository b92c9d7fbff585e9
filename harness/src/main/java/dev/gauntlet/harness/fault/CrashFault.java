package dev.gauntlet.harness.fault;

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

    @Override
    public Verification inject() {
        Backend backend = ctx.runtime().backend(ctx.endpoint().id());
        String done = backend.crash();
        long effect = backend.lastExitUs() > 0 ? backend.lastExitUs() : ctx.nowUs();
        Probe.Result probe = Probe.connect(ctx.endpoint().host(), ctx.endpoint().backendPort(), FaultContext.PROBE_TIMEOUT_MS);
        // A dead process's port refuses; a dead container's address is gone, so its SYN goes unanswered.
        boolean gone = probe.outcome() == Probe.Outcome.REFUSED
                || (probe.outcome() == Probe.Outcome.CONNECT_TIMEOUT && !backend.isAlive());
        return new Verification(gone, effect, done + "; " + probe.describe(ctx.backendWhere()));
    }

    @Override
    public Verification heal() {
        Backend backend = ctx.runtime().backend(ctx.endpoint().id());
        String done = backend.restart();
        long effect = ctx.nowUs();
        // a JVM started a moment ago answers its first request slowly (a container's first dial also waits
        // for Docker's DNS to know the alias again): the probe asks whether it answers, not how fast
        Probe.Result probe = ctx.probeViaProxy(FaultContext.PROBE_TIMEOUT_MS * 4);
        return new Verification(probe.outcome() == Probe.Outcome.ANSWERED && probe.status() < 500, effect,
                done + "; " + probe.describe(ctx.proxyWhere()));
    }
}
