package dev.gauntlet.harness.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Our gateway core as a child process, configured by the YAML the topology generated. */
public final class GatewayProcess {

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
        Path configFile = runDir.resolve("gateway.yaml");
        try {
            new YAMLMapper().writeValue(configFile.toFile(), config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>();
        command.add(ProjectHome.java());
        command.addAll(JvmOptions.gateway(runId));
        command.addAll(List.of("-jar", ProjectHome.gatewayJar().toString(), "--config", configFile.toString()));
        ChildProcess child = ChildProcess.start("gateway", command, runDir.resolve("gateway.log"), registry,
                json -> "ready".equals(json.path("event").asText()));
        JsonNode ready = child.awaitReady(START_TIMEOUT);
        return new GatewayProcess(child, ready.path("port").asInt(), ready.path("admin_port").asInt());
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String adminUrl() {
        return "http://127.0.0.1:" + adminPort;
    }

    public long pid() {
        return child.pid();
    }

    public boolean isAlive() {
        return child.isAlive();
    }

    void stop() {
        child.stop(Duration.ofSeconds(3));
    }
}
