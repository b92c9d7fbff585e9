package dev.gauntlet.harness.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Our gateway core as a child process, configured by the YAML the topology generated. */
public final class GatewayProcess implements Gateway {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final ChildProcess child;
    private final int port;
    private final int adminPort;

    private GatewayProcess(ChildProcess child, int port, int adminPort) {
        this.child = child;
        this.port = port;
        this.adminPort = adminPort;
    }

    static GatewayProcess start(ObjectNode config, String runId, Path runDir, ChildRegistry registry) {
        return start(config, runId, runDir, registry, List.of(), 0);
    }

    /**
     * Starts the gateway with {@code jvmExtras} (e.g. a trust store) on its command line and, once it is ready,
     * its open-files limit set to {@code openFilesLimit} (0: left alone) through {@code prlimit}.
     */
    static GatewayProcess start(ObjectNode config, String runId, Path runDir, ChildRegistry registry,
                                List<String> jvmExtras, int openFilesLimit) {
        return start(writeConfig(config, runDir), runId, runDir, registry, jvmExtras, openFilesLimit);
    }

    /** As above, with the config already written to {@code configFile} (the builtin kind's native config). */
    public static GatewayProcess start(Path configFile, String runId, Path runDir, ChildRegistry registry,
                                       List<String> jvmExtras, int openFilesLimit) {
        List<String> command = new ArrayList<>();
        command.add(ProjectHome.java());
        command.addAll(JvmOptions.gateway(runId));
        command.addAll(jvmExtras);
        command.addAll(List.of("-jar", ProjectHome.gatewayJar().toString(), "--config", configFile.toString()));
        ChildProcess child = ChildProcess.start("gateway", command, runDir.resolve("gateway.log"), registry,
                json -> "ready".equals(json.path("event").asText()));
        JsonNode ready = child.awaitReady(START_TIMEOUT);
        GatewayProcess gateway = new GatewayProcess(child, ready.path("port").asInt(), ready.path("admin_port").asInt());
        if (openFilesLimit > 0) {
            gateway.limitOpenFiles(openFilesLimit);
        }
        return gateway;
    }

    /** Writes the gateway's config to {@code gateway.yaml} in the run directory, as both runtimes hand it over. */
    public static Path writeConfig(ObjectNode config, Path runDir) {
        Path file = runDir.resolve("gateway.yaml");
        try {
            new YAMLMapper().writeValue(file.toFile(), config);
        } catch (IOException e) {
            throw new PartStartException("gateway: cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    /**
     * The command that sets a running process's open-files limit, soft and hard. Set after start-up, not
     * before: the JVM needs its jars and its listeners open first, and would raise a soft limit itself.
     */
    public static List<String> prlimitCommand(long pid, int openFiles) {
        return List.of("prlimit", "--pid", Long.toString(pid), "--nofile=" + openFiles + ":" + openFiles);
    }

    private void limitOpenFiles(int openFiles) {
        List<String> command = prlimitCommand(pid(), openFiles);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
                stop();
                throw new PartStartException("gateway: could not set its open-files limit to " + openFiles + " ("
                        + String.join(" ", command) + ": " + (output.isEmpty() ? "no output" : output) + ")");
            }
        } catch (IOException e) {
            stop();
            throw new PartStartException("gateway: could not run prlimit to set its open-files limit: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new PartStartException("gateway: interrupted while setting its open-files limit");
        }
    }

    @Override
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public String adminUrl() {
        return "http://127.0.0.1:" + adminPort;
    }

    @Override
    public long pid() {
        return child.pid();
    }

    @Override
    public boolean isAlive() {
        return child.isAlive();
    }

    @Override
    public void stop() {
        child.stop(Duration.ofSeconds(3));
    }
}
