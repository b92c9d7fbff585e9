package dev.gauntlet.harness.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.harness.topology.EndpointPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One fake backend replica as a child process on its planned ports. {@link #crash()} is a real
 * SIGKILL; {@link #restart()} starts a new process on the same ports, as a supervisor would.
 */
public final class BackendProcess implements Backend {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final EndpointPlan plan;
    private final String runId;
    private final Path runDir;
    private final ChildRegistry registry;
    private volatile ChildProcess current;

    BackendProcess(EndpointPlan plan, String runId, Path runDir, ChildRegistry registry) {
        this.plan = plan;
        this.runId = runId;
        this.runDir = runDir;
        this.registry = registry;
    }

    @Override
    public EndpointPlan plan() {
        return plan;
    }

    /** Starts the process and waits for its ready line. */
    public void start() {
        List<String> command = new ArrayList<>();
        command.add(ProjectHome.java());
        command.addAll(JvmOptions.backend(runId));
        command.addAll(List.of("-jar", ProjectHome.backendJar().toString(), "--id", plan.id(), "--host", plan.host(),
                "--port", String.valueOf(plan.backendPort()), "--control-port", String.valueOf(plan.controlPort()),
                "--behaviour", plan.behaviour().toString()));
        if (!plan.proxyHost().equals(plan.host())) {
            // a DNS replica's proxy has its own 127.0.0.x: a verified certificate must name the address the gateway dials
            command.addAll(command.size() - 2, List.of("--tls-ip-san", plan.proxyHost()));
        }
        ChildProcess child = ChildProcess.start("backend " + plan.id(), command,
                runDir.resolve("backend-" + plan.id() + ".log"), registry,
                json -> "ready".equals(json.path("event").asText()));
        JsonNode ready = child.awaitReady(START_TIMEOUT);
        if (ready.path("port").asInt() != plan.backendPort()) {
            child.kill();
            throw new PartStartException("backend " + plan.id() + " bound port " + ready.path("port").asInt()
                    + " instead of " + plan.backendPort());
        }
        current = child;
    }

    @Override
    public String crash() {
        ChildProcess child = current;
        if (child != null) {
            child.kill();
        }
        return "pid " + (child == null ? -1 : child.pid()) + " killed (SIGKILL)";
    }

    @Override
    public String restart() {
        crash();
        start();
        return "restarted as pid " + pid();
    }

    @Override
    public String hang() {
        signal("STOP");
        return "pid " + pid() + " stopped (SIGSTOP)";
    }

    @Override
    public String resume() {
        signal("CONT");
        return "pid " + pid() + " continued (SIGCONT)";
    }

    /** SIGSTOP / SIGCONT through kill(1): the JDK has no API for them. */
    void signal(String signal) {
        ChildProcess child = current;
        if (child == null) {
            return;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(child.pid())).start();
            kill.waitFor();
        } catch (Exception e) {
            throw new IllegalStateException("kill -" + signal + " " + child.pid() + " failed: " + e.getMessage(), e);
        }
        if (signal.equals("STOP")) {
            awaitAllThreadsStopped(child.pid());
        }
    }

    /**
     * kill(1) returns once SIGSTOP is sent, but a multi-threaded process stops thread by thread; a thread
     * already running may still answer a request. Wait (up to 2 s) until /proc shows every thread stopped.
     */
    private static void awaitAllThreadsStopped(long pid) {
        java.nio.file.Path tasks = java.nio.file.Path.of("/proc", String.valueOf(pid), "task");
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (java.util.stream.Stream<java.nio.file.Path> threads = java.nio.file.Files.list(tasks)) {
                boolean allStopped = threads.allMatch(t -> {
                    try {
                        String stat = java.nio.file.Files.readString(t.resolve("stat"));
                        char state = stat.charAt(stat.lastIndexOf(')') + 2);
                        return state == 'T' || state == 't';
                    } catch (java.io.IOException | RuntimeException gone) {
                        return true; // a thread that exited is not answering anything
                    }
                });
                if (allStopped) {
                    return;
                }
            } catch (java.io.IOException noProc) {
                return; // no /proc (not Linux) or the process is gone
            }
            java.util.concurrent.locks.LockSupport.parkNanos(2_000_000L); // polling the kernel's view of a real process
        }
    }

    @Override
    public boolean isAlive() {
        ChildProcess child = current;
        return child != null && child.isAlive();
    }

    /** The exit code of the current process, or -1 while it runs. */
    @Override
    public int exitCode() {
        ChildProcess child = current;
        return child == null || child.isAlive() ? -1 : child.exitCode();
    }

    @Override
    public long pid() {
        ChildProcess child = current;
        return child == null ? -1 : child.pid();
    }

    void stop() {
        ChildProcess child = current;
        if (child != null) {
            signal("CONT"); // a stopped process cannot act on SIGTERM
            child.stop(Duration.ofSeconds(2));
        }
    }
}
