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

    /**
     * Stamped when the freeze was seen: /proc showing every thread stopped (SIGSTOP) or, for a container, its cgroup
     * freezer reporting FROZEN (docker pause leaves threads in S), both before the probe's 300 ms of silence that
     * confirms nothing answers; when neither can be read, at the end of that silence. The call's own start is the
     * bracket's lower end (the scheduler's).
     */
    @Override
    public Verification inject() {
        Backend backend = ctx.runtime().backend(ctx.endpoint().id());
        String done = backend.hang();
        boolean stopped = ProcStats.allThreadsStopped(backend.pid()) || ProcStats.cgroupFrozen(backend.pid());
        long seen = ctx.nowUs();
        Probe.Result probe = ctx.probeBackend(300);
        long probed = ctx.nowUs();
        boolean silent = probe.outcome() == Probe.Outcome.NO_ANSWER;
        return Verification.of(silent, silent && stopped ? seen : probed,
                done + (stopped ? "; /proc shows every thread stopped (SIGSTOP) or its cgroup frozen (docker pause)" : "")
                        + "; " + probe.describe(ctx.backendWhere()),
                ProbeFigures.of(probe).put("threads_stopped", stopped));
    }

    @Override
    public Verification heal() {
        Backend backend = ctx.runtime().backend(ctx.endpoint().id());
        String done = backend.resume();
        Probe.Result probe = ctx.probeBackend(FaultContext.PROBE_TIMEOUT_MS * 4);
        long effect = ctx.nowUs();
        return Verification.of(probe.outcome() == Probe.Outcome.ANSWERED, effect,
                done + "; " + probe.describe(ctx.backendWhere()), ProbeFigures.of(probe));
    }
}
