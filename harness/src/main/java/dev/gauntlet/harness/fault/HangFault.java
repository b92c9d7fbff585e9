package dev.gauntlet.harness.fault;

import dev.gauntlet.harness.runtime.Backend;

/**
 * {@code hang}: SIGSTOP the backend ({@code docker pause} of its container); healed by {@code resume}
 * (SIGCONT, {@code docker unpause}). The kernel still completes
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
        Backend backend = ctx.runtime().backend(ctx.endpoint().id());
        long called = ctx.nowUs();
        String done = backend.hang();
        long effect = backend.freezeTakesEffectDuringCall() ? called : ctx.nowUs();
        Probe.Result probe = ctx.probeBackend(300);
        return new Verification(probe.outcome() == Probe.Outcome.NO_ANSWER, effect,
                done + "; " + probe.describe(ctx.backendWhere()));
    }

    @Override
    public Verification heal() {
        Backend backend = ctx.runtime().backend(ctx.endpoint().id());
        long called = ctx.nowUs();
        String done = backend.resume();
        long effect = backend.freezeTakesEffectDuringCall() ? called : ctx.nowUs();
        Probe.Result probe = ctx.probeBackend(FaultContext.PROBE_TIMEOUT_MS * 4);
        return new Verification(probe.outcome() == Probe.Outcome.ANSWERED, effect,
                done + "; " + probe.describe(ctx.backendWhere()));
    }
}
