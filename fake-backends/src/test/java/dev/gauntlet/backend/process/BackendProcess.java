package dev.gauntlet.backend.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The packaged jar run as the harness runs it ({@code -Xmx64m -XX:+UseSerialGC -Xss512k}), with its
 * ready line parsed; always killed on close.
 *
 * <pre>{@code
 * try (BackendProcess p = BackendProcess.start("--behaviour", "{}")) { p.controlGet("/_control/stats"); }
 * }</pre>
 */
final class BackendProcess implements AutoCloseable {
    static final Path JAR = Path.of("target", "fake-backend.jar");
    static final List<String> JVM = List.of("-Xmx64m", "-XX:+UseSerialGC", "-Xss512k");
    private static final ObjectMapper JSON = new ObjectMapper();

    final Process process;
    final JsonNode ready;
    final long startupMillis;
    final HttpClient http = HttpClient.newHttpClient();
    private final StringBuffer stderr = new StringBuffer();

    private BackendProcess(Process process, JsonNode ready, long startupMillis) {
        this.process = process;
        this.ready = ready;
        this.startupMillis = startupMillis;
        CompletableFuture.runAsync(() -> drain(process, stderr));
    }

    static Process spawn(String... args) throws IOException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " missing: run through 'mvn verify' (the jar is built in package)");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(JVM);
        cmd.add("-jar");
        cmd.add(JAR.toString());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).start();
    }

    static BackendProcess start(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--id", "api-0", "--port", "0", "--control-port", "0"));
        args.addAll(List.of(extra));
        long t0 = System.nanoTime();
        Process p = spawn(args.toArray(String[]::new));
        var reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        try {
            line = CompletableFuture.supplyAsync(() -> {
                try {
                    return reader.readLine();
                } catch (IOException e) {
                    return null;
                }
            }).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            p.destroyForcibly();
            throw e;
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (line == null) {
            p.destroyForcibly();
            throw new IllegalStateException("no ready line; stderr: " + new String(p.getErrorStream().readAllBytes()));
        }
        return new BackendProcess(p, JSON.readTree(line), ms);
    }

    int port() {
        return ready.get("port").asInt();
    }

    int controlPort() {
        return ready.get("control_port").asInt();
    }

    HttpResponse<String> control(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + controlPort() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode stats() throws Exception {
        return JSON.readTree(control("GET", "/_control/stats", null).body());
    }

    /** Resident set size in MiB, from /proc. */
    long rssMib() throws IOException {
        return procStatusKib("VmRSS") / 1024;
    }

    long procStatusKib(String field) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (l.startsWith(field + ":")) {
                return Long.parseLong(l.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException(field + " not in /proc status");
    }

    /** user + system CPU time in clock ticks (normally 1/100 s), from /proc/pid/stat. */
    long cpuTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** {run ns, run-queue wait ns} of the process's thread named {@code name}, from /proc/pid/task/tid/schedstat. */
    long[] schedstat(String name) throws IOException {
        try (var tasks = Files.list(Path.of("/proc", Long.toString(process.pid()), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                if (Files.readString(task.resolve("comm")).trim().equals(name)) {
                    String[] f = Files.readString(task.resolve("schedstat")).trim().split(" ");
                    return new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])};
                }
            }
        }
        throw new IllegalStateException("no thread named " + name);
    }

    String stderr() {
        return stderr.toString();
    }

    private static void drain(Process p, StringBuffer into) {
        try (var r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String l = r.readLine(); l != null; l = r.readLine()) {
                into.append(l).append('\n');
            }
        } catch (IOException ignored) {
            // Process gone.
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
