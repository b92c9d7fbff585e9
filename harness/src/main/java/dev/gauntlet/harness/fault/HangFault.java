package dev.gauntlet.harness.fault;

import dev.gauntlet.harness.runtime.BackendProcess;

/**
 * {@code hang}: SIGSTOP the backend; healed by {@code resume} (SIGCONT). The kernel still completes
 * handshakes into the listen backlog, so the endpoint accepts and never answers — the hardest kind
 * of dead for a health checker. Verified when a direct probe gets no answer.
 */
final class HangFault implements Fault {

    private final FaultContext ctx;

    HangFault(FaultContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public String truth() {
        return "down";
    }

    @Override
    public String detection() {
        return "timeout";
    }

    @Override
    public Verification inject() {
        BackendProcess backend = ctx.runtime().backend(ctx.endpoint().id());
        backend.signal("STOP");
        long effect = ctx.nowUs();
        Probe.Result probe = ctx.probeBackend(300);
        return new Verification(probe.outcome() == Probe.Outcome.NO_ANSWER, effect,
                "pid " + backend.pid() + " stopped (SIGSTOP); " + probe.describe(ctx.backendWhere()));
    }

    @Override
    public Verification heal() {
        BackendProcess backend = ctx.runtime().backend(ctx.endpoint().id());
        backend.signal("CONT");
        long effect = ctx.nowUs();
        Probe.Result probe = ctx.probeBackend(FaultContext.PROBE_TIMEOUT_MS * 4);
        return new Verification(probe.outcome() == Probe.Outcome.ANSWERED, effect,
                "pid " + backend.pid() + " continued (SIGCONT); " + probe.describe(ctx.backendWhere()));
    }
}
