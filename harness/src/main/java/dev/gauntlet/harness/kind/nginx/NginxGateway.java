package dev.gauntlet.harness.kind.nginx;

import dev.gauntlet.harness.kind.GatewayLaunch;
import dev.gauntlet.harness.runtime.ChildProcess;
import dev.gauntlet.harness.runtime.ChildRegistry;
import dev.gauntlet.harness.runtime.Gateway;
import dev.gauntlet.harness.runtime.PartStartException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * nginx as a child process of the run: the master in the foreground ({@code daemon off}), registered with the
 * {@link ChildRegistry}, and its workers registered too once they run, because a master killed with SIGKILL
 * leaves its workers (and their listening socket) behind.
 *
 * <pre>{@code
 * NginxGateway gw = NginxGateway.start(binary, confFile, launch, registry);   // returns once it answers HTTP
 * gw.stop();                                                                // SIGTERM: nginx's fast shutdown
 * }</pre>
 */
public final class NginxGateway implements Gateway {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private final ChildProcess master;
    private final GatewayLaunch launch;

    private NginxGateway(ChildProcess master, GatewayLaunch launch) {
        this.master = master;
        this.launch = launch;
    }

    static NginxGateway start(Path binary, Path conf, GatewayLaunch launch, ChildRegistry registry) {
        Path dir = launch.runDir().toAbsolutePath();
        try {
            for (String temp : new String[] {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"}) {
                Files.createDirectories(dir.resolve("nginx-temp").resolve(temp));
            }
        } catch (IOException e) {
            throw new PartStartException("nginx: cannot make its temp directories in " + dir + ": " + e.getMessage(), e);
        }
        // TZ=UTC: the error log's stamps are local time with no zone; UTC makes them unambiguous
        List<String> command = new ArrayList<>(List.of("env", "TZ=UTC", binary.toString(), "-p", dir + "/",
                "-c", conf.toAbsolutePath().toString(), "-e", dir.resolve(NginxConfRenderer.ERROR_LOG).toString()));
        ChildProcess child = ChildProcess.start("gateway nginx", command, dir.resolve("gateway.log"), registry, json -> false);
        NginxGateway gateway = new NginxGateway(child, launch);
        gateway.awaitRouting(dir);
        child.handle().children().forEach(w -> registry.register("gateway nginx worker", w));
        return gateway;
    }

    /** Waits until the listener answers HTTP; any answer will do (a 502 still means nginx routes). */
    private void awaitRouting(Path dir) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!master.isAlive()) {
                throw new PartStartException("nginx exited at start (code " + master.exitCode() + "); see "
                        + dir.resolve("gateway.log") + " and " + dir.resolve(NginxConfRenderer.ERROR_LOG));
            }
            if (answers(launch.listenHost(), launch.listenPort())) {
                return;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L); // polling a starting server
        }
        master.kill();
        throw new PartStartException("nginx did not answer on " + launch.baseUrl() + " within "
                + START_TIMEOUT.toSeconds() + " s");
    }

    static boolean answers(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 500);
            s.setSoTimeout(2000);
            OutputStream out = s.getOutputStream();
            out.write(("GET /__gauntlet_ready HTTP/1.1\r\nHost: ready\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] head = in.readNBytes(5);
            return new String(head, StandardCharsets.US_ASCII).equals("HTTP/");
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    public String baseUrl() {
        return launch.baseUrl();
    }

    /** stub_status: nginx open source has no other admin interface. */
    @Override
    public String adminUrl() {
        return "http://127.0.0.1:" + launch.adminPort();
    }

    @Override
    public long pid() {
        return master.pid();
    }

    @Override
    public boolean isAlive() {
        return master.isAlive();
    }

    /** SIGTERM (nginx's fast shutdown: the master stops its workers, then exits), SIGKILL after 3 s. */
    public void stop() {
        List<ProcessHandle> workers = master.handle().children().toList();
        master.stop(Duration.ofSeconds(3));
        workers.forEach(ProcessHandle::destroyForcibly); // after a SIGKILLed master they would be orphans
    }
}
