package dev.gauntlet.harness.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.harness.runtime.container.ContainerLeftovers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Records every child process of a run in its run directory ({@code children.jsonl}) and marks the
 * run live ({@code .alive}, holding the harness's own pid). A run that ends normally removes the
 * marker; a run killed with {@code kill -9} cannot, so the next run finds the marker and reaps what
 * was left: each recorded process that is still alive <em>and</em> started when recorded (so a
 * recycled pid is never killed).
 *
 * <pre>{@code
 * List<String> reaped = ChildRegistry.reapLeftovers(Path.of("runs"));
 * ChildRegistry registry = ChildRegistry.open(runDir);
 * }</pre>
 */
public final class ChildRegistry {

    static final String CHILDREN = "children.jsonl";
    /** Containers and networks of the containers runtime: {"kind":"container"|"network","name":..,"id":..}. */
    public static final String CONTAINERS = "containers.jsonl";
    static final String ALIVE = ".alive";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Start instants reported by /proc have clock-tick resolution; allow for it. */
    private static final long START_TOLERANCE_MS = 1_000;

    private final Path runDir;

    private ChildRegistry(Path runDir) {
        this.runDir = runDir;
    }

    public static ChildRegistry open(Path runDir) {
        ChildRegistry registry = new ChildRegistry(runDir);
        registry.append(ALIVE, record("harness", ProcessHandle.current()));
        return registry;
    }

    /** A registry that records children without marking the run live (tests of reaping). */
    static ChildRegistry attach(Path runDir) {
        return new ChildRegistry(runDir);
    }

    public synchronized void register(String name, ProcessHandle handle) {
        append(CHILDREN, record(name, handle));
    }

    /** Records a Docker object (a container or a network) this run made, for a later run to remove if this one is killed. */
    public synchronized void registerDocker(String kind, String name, String id) {
        append(CONTAINERS, JSON.createObjectNode().put("kind", kind).put("name", name).put("id", id).toString());
    }

    /** Whether the harness run that recorded {@code marker} ({@link #harnessMarker()}) still runs. */
    public static boolean harnessAlive(String marker) {
        String[] parts = marker.split(":");
        if (parts.length != 2) {
            return false;
        }
        try {
            return stillRunning(JSON.createObjectNode().put("pid", Long.parseLong(parts[0]))
                    .put("started_ms", Long.parseLong(parts[1]))).isPresent();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** {@code pid:started_ms} of this harness process: a label on every container, so a sweep can tell live runs' from dead. */
    public static String harnessMarker() {
        ProcessHandle self = ProcessHandle.current();
        return self.pid() + ":" + self.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
    }

    /** The run ended and cleaned up after itself: nothing for a later run to reap. */
    public void close() {
        try {
            Files.deleteIfExists(runDir.resolve(ALIVE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills what runs killed with {@code kill -9} left behind; returns a line per process reaped. */
    public static List<String> reapLeftovers(Path runsDir) {
        List<String> reaped = new ArrayList<>();
        if (!Files.isDirectory(runsDir)) {
            return reaped;
        }
        try (DirectoryStream<Path> runs = Files.newDirectoryStream(runsDir)) {
            for (Path run : runs) {
                Path alive = run.resolve(ALIVE);
                if (!Files.exists(alive)) {
                    continue;
                }
                List<JsonNode> harness = readLines(alive);
                if (!harness.isEmpty() && stillRunning(harness.get(0)).isPresent()) {
                    continue; // a run in progress right now, not a leftover
                }
                for (JsonNode child : readLines(run.resolve(CHILDREN))) {
                    stillRunning(child).ifPresent(handle -> {
                        handle.destroyForcibly();
                        handle.onExit().orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).exceptionally(t -> null).join();
                        reaped.add(run.getFileName() + ": " + child.path("name").asText() + " (pid " + handle.pid() + ")");
                    });
                }
                reaped.addAll(Nftables.reap(run).stream().map(t -> run.getFileName() + ": " + t).toList());
                reaped.addAll(ContainerLeftovers.reap(readLines(run.resolve(CONTAINERS))).stream()
                        .map(t -> run.getFileName() + ": " + t).toList());
                Files.deleteIfExists(alive);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return reaped;
    }

    private static Optional<ProcessHandle> stillRunning(JsonNode recorded) {
        long pid = recorded.path("pid").asLong(-1);
        long startedMs = recorded.path("started_ms").asLong(-1);
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> h.info().startInstant()
                .map(Instant::toEpochMilli).map(ms -> startedMs < 0 || Math.abs(ms - startedMs) <= START_TOLERANCE_MS)
                .orElse(false));
    }

    private static String record(String name, ProcessHandle handle) {
        long started = handle.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
        return JSON.createObjectNode().put("name", name).put("pid", handle.pid()).put("started_ms", started).toString();
    }

    private void append(String file, String line) {
        try {
            Files.createDirectories(runDir);
            Files.writeString(runDir.resolve(file), line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<JsonNode> readLines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                try {
                    out.add(JSON.readTree(line));
                } catch (IOException torn) {
                    // a line cut by kill -9 mid-write names no process we could verify
                }
            }
        }
        return out;
    }
}
