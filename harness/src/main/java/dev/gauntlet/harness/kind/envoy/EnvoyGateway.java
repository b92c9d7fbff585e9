package dev.gauntlet.harness.kind.envoy;

import dev.gauntlet.harness.runtime.ChildProcess;
import dev.gauntlet.harness.runtime.ChildRegistry;
import dev.gauntlet.harness.runtime.Gateway;
import dev.gauntlet.harness.runtime.PartStartException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Envoy as a child process of the run: {@code envoy -c <bootstrap> --concurrency 2 --disable-hot-restart},
 * its output in {@code gateway.log}. Ready when its admin {@code /ready} answers {@code LIVE} and its listener
 * accepts a connection. Hot restart is disabled so that several Envoys on one host (parallel runs, the
 * benchmark) do not fight over the shared-memory region of base id 0.
 *
 * <pre>{@code
 * EnvoyGateway gw = EnvoyGateway.start(binary, bootstrapFile, launch, registry);
 * gw.stop();
 * }</pre>
 */
public final class EnvoyGateway implements Gateway {

    /** Two worker threads, like the builtin gateway's I/O threads and the benchmark's other proxies. */
    static final int CONCURRENCY = 2;
    /** How often Envoy flushes its event logs: how soon the harness sees a transition (its stamp is exact). */
    static final int FILE_FLUSH_MS = 50;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final ChildProcess child;
    private final String host;
    private final int port;
    private final int adminPort;

    private EnvoyGateway(ChildProcess child, String host, int port, int adminPort) {
        this.child = child;
        this.host = host;
        this.port = port;
        this.adminPort = adminPort;
    }

    static List<String> command(Path binary, Path bootstrap) {
        return List.of(binary.toString(), "-c", bootstrap.toString(), "--concurrency", String.valueOf(CONCURRENCY),
                "--disable-hot-restart", "--file-flush-interval-msec", String.valueOf(FILE_FLUSH_MS),
                "--log-level", "warn");
    }

    static EnvoyGateway start(Path binary, Path bootstrap, Path log, String host, int port, int adminPort,
                              ChildRegistry registry) {
        ChildProcess child = ChildProcess.start("gateway", command(binary, bootstrap), log, registry, json -> false);
        EnvoyGateway gw = new EnvoyGateway(child, host, port, adminPort);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        while (!gw.ready(http)) {
            if (!child.isAlive()) {
                throw new PartStartException("envoy exited at start (code " + child.exitCode() + "); see " + log);
            }
            if (System.nanoTime() > deadline) {
                child.kill();
                throw new PartStartException("envoy was not ready on 127.0.0.1:" + adminPort + " within "
                        + START_TIMEOUT.toSeconds() + " s; see " + log);
            }
            try {
                Thread.sleep(50); // production polling of a starting server, not test synchronisation
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                child.kill();
                throw new PartStartException("envoy: interrupted while starting");
            }
        }
        return gw;
    }

    private boolean ready(HttpClient http) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(adminUrl() + "/ready"))
                    .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200 || !r.body().strip().equals("LIVE")) {
                return false;
            }
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String baseUrl() {
        return "http://" + host + ":" + port;
    }

    @Override
    public String adminUrl() {
        return "http://127.0.0.1:" + adminPort;
    }

    @Override
    public long pid() {
        return child.isAlive() ? child.pid() : -1;
    }

    @Override
    public boolean isAlive() {
        return child.isAlive();
    }

    /** SIGTERM (Envoy exits at once on it), SIGKILL after 3 s; returns once reaped. */
    @Override
    public void stop() {
        child.stop(Duration.ofSeconds(3));
    }
}
