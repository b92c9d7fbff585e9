package dev.gauntlet.harness.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A child process of the run: its output goes to a log file in the run directory, and it is ready
 * when it prints a JSON line that the readiness predicate accepts (our parts print
 * {@code {"event":"ready",...}}); for programs that print no such line, readiness is left to the
 * caller. Every child is registered with the {@link ChildRegistry} before anything else happens.
 */
public final class ChildProcess {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final Process process;
    private final CompletableFuture<JsonNode> ready = new CompletableFuture<>();

    private ChildProcess(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    /** Starts {@code command}, appending its stdout and stderr to {@code log}. */
    public static ChildProcess start(String name, List<String> command, Path log, ChildRegistry registry,
                                     Predicate<JsonNode> readyLine) {
        Process process;
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            process = builder.start();
        } catch (IOException e) {
            throw new PartStartException(name + ": cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
        registry.register(name, process.toHandle());
        ChildProcess child = new ChildProcess(name, process);
        Thread pump = new Thread(() -> child.pump(log, readyLine), "log-" + name);
        pump.setDaemon(true);
        pump.start();
        return child;
    }

    private void pump(Path log, Predicate<JsonNode> readyLine) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             BufferedWriter out = Files.newBufferedWriter(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.write(line);
                out.newLine();
                out.flush();
                if (!ready.isDone() && line.startsWith("{")) {
                    try {
                        JsonNode json = JSON.readTree(line);
                        if (readyLine.test(json)) {
                            ready.complete(json);
                        }
                    } catch (IOException notJson) {
                        // an ordinary log line that happens to start with a brace
                    }
                }
            }
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
        ready.completeExceptionally(new PartStartException(name + " exited with code " + exitCodeOrUnknown()
                + " before it was ready; see " + log));
    }

    /** Waits for the ready line; a child that dies or stays silent is a part that failed to start. */
    public JsonNode awaitReady(Duration timeout) {
        try {
            return ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            kill();
            throw new PartStartException(name + " printed no ready line within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof PartStartException p ? p : new PartStartException(name + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(); // a child abandoned half-started would outlive the run
            throw new PartStartException(name + ": interrupted while starting");
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, then wait until the kernel has reaped it, so its ports are really closed. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM, then SIGKILL if it has not gone within the grace period. */
    public void stop(Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    /** Exit code of a process that has ended. */
    public int exitCode() {
        return process.exitValue();
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    private String exitCodeOrUnknown() {
        try {
            return process.waitFor(2, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
