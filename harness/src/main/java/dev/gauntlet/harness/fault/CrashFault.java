package dev.gauntlet.harness.fault;

import dev.gauntlet.harness.runtime.BackendProcess;

/**
 * {@code crash}: SIGKILL the backend process; healed by {@code restart} (a new process on the same
 * port). Verified when the backend's port refuses connections, and, on restart, when the gateway's
 * path to it answers again.
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
        BackendProcess backend = ctx.runtime().backend(ctx.endpoint().id());
        long pid = backend.pid();
        backend.crash();
        long effect = ctx.nowUs();
        Probe.Result probe = Probe.connect(ctx.endpoint().host(), ctx.endpoint().backendPort(), FaultContext.PROBE_TIMEOUT_MS);
        boolean refused = probe.outcome() == Probe.Outcome.REFUSED;
        return new Verification(refused, effect, "pid " + pid + " killed (SIGKILL); " + probe.describe(ctx.backendWhere()));
    }

    @Override
    public Verification heal() {
        BackendProcess backend = ctx.runtime().backend(ctx.endpoint().id());
        backend.restart();
        long effect = ctx.nowUs();
        Probe.Result probe = ctx.probeViaProxy(FaultContext.PROBE_TIMEOUT_MS);
        return new Verification(probe.outcome() == Probe.Outcome.ANSWERED && probe.status() < 500, effect,
                "restarted as pid " + backend.pid() + "; " + probe.describe(ctx.proxyWhere()));
    }
}
