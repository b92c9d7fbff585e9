package dev.gauntlet.harness.fault;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.harness.runtime.Backend;

/**
 * {@code memory_balloon}: the backend's heap grows by {@code mib} MiB (at {@code mibPerSecond}), or,
 * with {@code untilOom: true}, until the JVM dies of OutOfMemoryError — a real OOM crash, healed
 * like a crash by starting the process again. Measured from /proc: the RSS growth, or the death (timed
 * when /proc saw it, as {@code crash} is) with the OOM exit code.
 */
final class MemoryBalloonFault extends BehaviourFault {

    private static final long OOM_WAIT_MS = 30_000;
    /** The fake backend's exit code after its balloon's OutOfMemoryError (fake-backends README). */
    static final int OOM_EXIT = 3;
    private long rssBeforeKiB = -1;
    /** Growth below this is within what a backend's RSS does on its own (JIT, buffers). */
    static final long NOISE_MIB = 4;
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

    /** How long the harness waits for an OOM before calling the inject unverified. */
    static long oomWaitMs() {
        return OOM_WAIT_MS;
    }

    @Override
    public Verification inject() throws Exception {
        Backend backend = ctx.runtime().backend(ctx.endpoint().id());
        long pid = backend.pid();
        rssBeforeKiB = pid > 0 ? ProcStats.rssKiB(pid) : -1;
        return untilOom ? injectUntilOom(backend, pid) : super.inject();
    }

    /**
     * Timed from the death as /proc sees it, not from the PUT: the JVM is watched from the moment the balloon
     * is set, and the effect lies between the last look that saw it alive (the bracket's lower end) and the
     * first that saw it dead. Verified when it died with the fake backend's OOM exit code (3) and its port refuses.
     */
    private Verification injectUntilOom(Backend backend, long pid) throws Exception {
        ObjectNode patch = patch();
        control().patch(patch);
        return awaitOom(ctx, backend, pid, ctx.nowUs(), rssBeforeKiB, "behaviour " + patch);
    }

    /** After a PUT at {@code put} that will end in the JVM's OOM: the death watched and verified (see above). */
    static Verification awaitOom(FaultContext ctx, Backend backend, long pid, long put, long rssBeforeKiB, String action) {
        ProcStats.Death d = ProcStats.awaitDeath(pid, OOM_WAIT_MS, ctx.clock());
        int exit = d.seen() ? awaitExitCode(backend) : -1;
        Probe.Result port = d.seen() ? Probe.connect(ctx.endpoint().host(), ctx.endpoint().backendPort(), FaultContext.PROBE_TIMEOUT_MS)
                : null;
        boolean refused = port != null && (port.outcome() == Probe.Outcome.REFUSED
                || (port.outcome() == Probe.Outcome.CONNECT_TIMEOUT && !backend.isAlive()));
        ObjectNode probe = JsonNodeFactory.instance.objectNode().put("pid", pid).put("rss_before_kib", rssBeforeKiB)
                .put("death_seen", d.seen()).put("exit_code", exit);
        if (d.seen()) {
            probe.put("died_after_put_ms", ToxicFault.round((d.deadUs() - put) / 1000.0))
                    .put("death_window_ms", ToxicFault.round((d.deadUs() - Math.max(d.lastAliveUs(), put)) / 1000.0));
        }
        boolean verified = d.seen() && exit == OOM_EXIT && refused;
        String seen = !d.seen() ? "/proc: pid " + pid + " still alive " + OOM_WAIT_MS + " ms after the PUT"
                : String.format(java.util.Locale.ROOT, "/proc: pid %d died %.1f ms after the PUT (exit %d%s); %s", pid,
                (d.deadUs() - put) / 1000.0, exit, exit == OOM_EXIT ? ": OutOfMemoryError" : ", NOT the OOM exit " + OOM_EXIT,
                port.describe(ctx.backendWhere()));
        return new Verification(verified, d.seen() ? d.deadUs() : ctx.nowUs(), action + "; " + seen, probe,
                Math.max(d.lastAliveUs(), put));
    }

    /** The runtime learns the exit code a moment after /proc shows the death (the JVM's reaper, docker's state). */
    private static int awaitExitCode(Backend backend) {
        long deadline = System.nanoTime() + 2_000_000_000L;
        int code = backend.exitCode();
        while (code < 0 && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000L); // the runtime reaping a real process
            code = backend.exitCode();
        }
        return code;
    }

    /**
     * RSS from /proc/pid/status grows by the balloon: watched for up to 1.5 s until it grew by 90 % of the MiB
     * due by then (all of {@code mib} at once, or {@code mibPerSecond} since the PUT), and required to have grown
     * by at least half of it and {@value #NOISE_MIB} MiB. Not all of it: a chunk is first allocated in the young
     * generation, whose pages may already be resident from earlier garbage (measured here: 11.7 MiB of a
     * 16 MiB balloon after other faults had run on the backend, 23.7 of 24 on a fresh one); an idle backend's
     * RSS moved by less than 1 MiB over the same window.
     */
    @Override
    Verdict verifyEffect() throws Exception {
        long pid = ctx.runtime().backend(ctx.endpoint().id()).pid();
        long start = System.nanoTime();
        long deadline = start + 1_500_000_000L;
        long grown;
        double due;
        do {
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L); // the balloon is filled by the backend's own thread
            grown = ProcStats.rssKiB(pid) - rssBeforeKiB;
            double elapsedS = (System.nanoTime() - start) / 1e9;
            due = mibPerSecond == 0 ? mib : Math.min(mib, mibPerSecond * elapsedS);
        } while (grown < due * 1024 * 0.9 && System.nanoTime() < deadline);
        boolean ok = due > 0 && grown >= due * 1024 * 0.5 && grown >= NOISE_MIB * 1024;
        long seen = ctx.nowUs();
        ObjectNode probe = JsonNodeFactory.instance.objectNode().put("rss_before_kib", rssBeforeKiB)
                .put("rss_growth_mib", ToxicFault.round(grown / 1024.0)).put("due_mib", ToxicFault.round(due))
                .put("asked_mib", mib).put("asked_mib_per_second", mibPerSecond);
        return new Verdict(ok, String.format(java.util.Locale.ROOT, "/proc: RSS grew %.1f MiB from %.1f MiB (%.1f MiB due, asked %d MiB)",
                grown / 1024.0, rssBeforeKiB / 1024.0, due, mib), probe, ok ? seen : 0);
    }

    /**
     * A released balloon is garbage the JVM keeps resident until a GC shrinks the heap, so /proc cannot show the
     * release: the heal is recorded unverified, with RSS as it stands, rather than trusting the backend's counter.
     */
    @Override
    Verdict verifyHealed() throws Exception {
        long pid = ctx.runtime().backend(ctx.endpoint().id()).pid();
        long rss = ProcStats.rssKiB(pid);
        return new Verdict(false, String.format(java.util.Locale.ROOT, "not observable: a released heap stays resident (RSS %.1f MiB)",
                rss / 1024.0), JsonNodeFactory.instance.objectNode().put("rss_kib", rss).put("unobservable",
                "a freed Java heap is not returned to the OS without a shrinking GC"), 0);
    }

    @Override
    public Verification heal() throws Exception {
        if (!untilOom) {
            return super.heal();
        }
        return restartAfterOom(ctx);
    }

    /** Healed like a crash: the process started again, verified when the gateway's path to it answers. */
    static Verification restartAfterOom(FaultContext ctx) {
        String done = ctx.runtime().backend(ctx.endpoint().id()).restart();
        Probe.Result probe = ctx.probeViaProxy(FaultContext.PROBE_TIMEOUT_MS * 4);
        long effect = ctx.nowUs();
        return Verification.of(probe.outcome() == Probe.Outcome.ANSWERED && probe.status() < 500, effect,
                done + " after the OOM; " + probe.describe(ctx.proxyWhere()), ProbeFigures.of(probe));
    }
}
