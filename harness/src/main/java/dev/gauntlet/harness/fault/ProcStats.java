package dev.gauntlet.harness.fault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * What the kernel says about a backend's process, read from {@code /proc/<pid>}: CPU time, the time its
 * threads waited for a CPU, resident memory, whether its threads are stopped, when it died. The probes
 * use it to see a CPU burn, a memory balloon, a freeze or a death for themselves instead of trusting the
 * backend's own counters. A container's process is read the same way through its host pid (same kernel).
 *
 * <pre>{@code
 * ProcStats.Cpu before = ProcStats.cpu(pid, "cpu-burn-");
 * // ... a window ...
 * ProcStats.Cpu after = ProcStats.cpu(pid, "cpu-burn-");
 * double cores = (after.processNanos() - before.processNanos()) / (double) windowNanos;
 * }</pre>
 */
final class ProcStats {

    /** Clock ticks per second of utime/stime in /proc (USER_HZ, 100 on Linux for every architecture we run on). */
    static final long USER_HZ = 100;

    private ProcStats() {
    }

    /**
     * CPU figures at one moment, in nanoseconds: the whole process's user+system time, and the time the
     * threads whose name starts with a prefix ran and waited runnable (schedstat; -1 where the kernel has none).
     */
    record Cpu(long processNanos, int threads, long threadRunNanos, long threadWaitNanos) {
    }

    static Cpu cpu(long pid, String threadPrefix) throws IOException {
        long process = ticks(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))) * (1_000_000_000L / USER_HZ);
        int threads = 0;
        long run = 0;
        long wait = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    if (!Files.readString(task.resolve("comm")).strip().startsWith(threadPrefix)) {
                        continue;
                    }
                    String[] sched = Files.readString(task.resolve("schedstat")).strip().split("\\s+");
                    threads++;
                    run += Long.parseLong(sched[0]);
                    wait += Long.parseLong(sched[1]);
                } catch (IOException | RuntimeException gone) {
                    // a thread that ended between the listing and the read
                }
            }
        }
        return new Cpu(process, threads, run, wait);
    }

    /** utime + stime (fields 14 and 15) of a /proc stat line, whose command field may contain spaces. */
    static long ticks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** Resident set size in KiB ({@code VmRSS} of /proc/pid/status). */
    static long rssKiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring(6).replace("kB", "").strip());
            }
        }
        throw new IOException("no VmRSS in /proc/" + pid + "/status");
    }

    /** Whether every thread of the process is in state T (stopped by a signal) or t, as SIGSTOP leaves them. */
    static boolean allThreadsStopped(long pid) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            List<Path> all = tasks.toList();
            if (all.isEmpty()) {
                return false;
            }
            for (Path t : all) {
                char state = state(Files.readString(t.resolve("stat")));
                if (state != 'T' && state != 't') {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException gone) {
            return false;
        }
    }

    /**
     * Whether the process's cgroup freezer reports it frozen, as {@code docker pause} leaves a container: the v1
     * {@code freezer.state} is FROZEN, or the v2 {@code cgroup.events} says {@code frozen 1}. The freezer leaves
     * threads in S, so this, not {@link #allThreadsStopped}, is what observes a container's hang.
     */
    static boolean cgroupFrozen(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "cgroup"))) {
                String[] parts = line.split(":", 3);
                if (parts.length < 3) {
                    continue;
                }
                if (parts[1].equals("freezer")) {
                    Path state = Path.of("/sys/fs/cgroup/freezer" + parts[2], "freezer.state");
                    if (Files.isReadable(state)) {
                        return Files.readString(state).strip().equals("FROZEN");
                    }
                } else if (parts[0].equals("0") && parts[1].isEmpty()) {
                    Path events = Path.of("/sys/fs/cgroup" + parts[2], "cgroup.events");
                    if (Files.isReadable(events) && Files.readString(events).lines().anyMatch("frozen 1"::equals)) {
                        return true;
                    }
                }
            }
            return false;
        } catch (IOException | RuntimeException gone) {
            return false;
        }
    }

    private static char state(String stat) {
        return stat.charAt(stat.lastIndexOf(')') + 2);
    }

    /** Whether /proc shows the process dead: gone, or a zombie whose sockets the kernel has already closed. */
    static boolean dead(long pid) {
        try {
            char s = state(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
            return s == 'Z' || s == 'X';
        } catch (IOException | RuntimeException gone) {
            return true;
        }
    }

    /**
     * A death as observed: {@code lastAliveUs} the last poll that saw the process alive, {@code deadUs} the
     * first that saw it dead (0 when it did not die within the wait). The death lies between the two;
     * {@code lastAliveUs} is 0 when the first look already found it dead.
     */
    record Death(long lastAliveUs, long deadUs) {
        boolean seen() {
            return deadUs > 0;
        }
    }

    /** Polls {@code /proc/pid/stat} every millisecond for up to {@code timeoutMs}, stamping with the run's clock. */
    static Death awaitDeath(long pid, long timeoutMs, Clock clock) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        long lastAlive = 0; // dead at the first look: the caller's own lower end stands
        while (System.nanoTime() < deadline) {
            // stamped before the look: if it shows the process alive, the death came after this stamp
            long before = Micros.now(clock);
            if (dead(pid)) {
                return new Death(lastAlive, Micros.now(clock));
            }
            lastAlive = before;
            LockSupport.parkNanos(1_000_000L); // watching a real process die
        }
        return new Death(lastAlive, 0);
    }

    /** Names of threads (comm) of the process whose name starts with {@code prefix}. */
    static List<String> threads(long pid, String prefix) {
        List<String> out = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path t : tasks.toList()) {
                try {
                    String name = Files.readString(t.resolve("comm")).strip();
                    if (name.startsWith(prefix)) {
                        out.add(name);
                    }
                } catch (IOException gone) {
                    // ended meanwhile
                }
            }
        } catch (IOException gone) {
            // the process itself is gone: no threads
        }
        return out;
    }
}
