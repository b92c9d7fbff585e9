package dev.gauntlet.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The real gateway jar as a child process, started the way the harness starts it. */
public final class GatewayProcess implements AutoCloseable {
    private final Process process;
    public final int port;
    public final int adminPort;
    public final long pid;

    private GatewayProcess(Process p, JsonNode ready) {
        this.process = p;
        this.port = ready.get("port").asInt();
        this.adminPort = ready.get("admin_port").asInt();
        this.pid = ready.get("pid").asLong();
    }

    public static GatewayProcess start(Path dir, String yaml) throws IOException {
        Path cfg = dir.resolve("gateway.yaml");
        Files.writeString(cfg, yaml);
        Path jar = Path.of("target", "gateway.jar").toAbsolutePath();
        Process p = new ProcessBuilder("java", "-Xmx128m", "-XX:+UseSerialGC", "-jar", jar.toString(),
                "--config", cfg.toString())
                .redirectError(dir.resolve("gateway.err").toFile())
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null) {
            p.destroyForcibly();
            throw new IOException("gateway exited before ready: " + Files.readString(dir.resolve("gateway.err")));
        }
        return new GatewayProcess(p, new ObjectMapper().readTree(line));
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public String admin(String path) {
        return "http://127.0.0.1:" + adminPort + path;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
