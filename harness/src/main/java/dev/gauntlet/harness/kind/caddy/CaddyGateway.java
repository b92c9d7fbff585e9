package dev.gauntlet.harness.kind.caddy;

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
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Caddy as a child process of the run ({@code caddy run --config gateway.native.caddy.json}), its HOME and XDG
 * directories inside the run directory so it writes nothing elsewhere.
 *
 * <pre>{@code
 * CaddyGateway gw = CaddyGateway.start(binary, configFile, launch, registry);   // returns once it answers HTTP
 * gw.stop();
 * }</pre>
 */
public final class CaddyGateway implements Gateway {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final ChildProcess child;
    private final GatewayLaunch launch;

    private CaddyGateway(ChildProcess child, GatewayLaunch launch) {
        this.child = child;
        this.launch = launch;
    }

    static List<String> command(Path binary, Path config, Path runDir, String verb) {
        Path home = runDir.toAbsolutePath().resolve("caddy-home");
        return List.of("env", "HOME=" + home, "XDG_CONFIG_HOME=" + home.resolve("config"),
                "XDG_DATA_HOME=" + home.resolve("data"), binary.toString(), verb, "--config",
                config.toAbsolutePath().toString());
    }

    static CaddyGateway start(Path binary, Path config, GatewayLaunch launch, ChildRegistry registry) {
        Path dir = launch.runDir().toAbsolutePath();
        ChildProcess child = ChildProcess.start("gateway caddy", command(binary, config, dir, "run"),
                dir.resolve("gateway.log"), registry, json -> false);
        CaddyGateway gateway = new CaddyGateway(child, launch);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!answers(launch.listenHost(), launch.listenPort())) {
            if (!child.isAlive()) {
                throw new PartStartException("caddy exited at start (code " + child.exitCode() + "); see "
                        + dir.resolve("gateway.log"));
            }
            if (System.nanoTime() > deadline) {
                child.kill();
                throw new PartStartException("caddy did not answer on " + launch.baseUrl() + " within "
                        + START_TIMEOUT.toSeconds() + " s");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L); // polling a starting server
        }
        return gateway;
    }

    static boolean answers(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 500);
            s.setSoTimeout(2000);
            OutputStream out = s.getOutputStream();
            out.write("GET /__gauntlet_ready HTTP/1.1\r\nHost: ready\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readNBytes(5), StandardCharsets.US_ASCII).equals("HTTP/");
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    public String baseUrl() {
        return launch.baseUrl();
    }

    /** Caddy's admin API (loopback only). */
    @Override
    public String adminUrl() {
        return "http://127.0.0.1:" + launch.adminPort();
    }

    @Override
    public long pid() {
        return child.pid();
    }

    @Override
    public boolean isAlive() {
        return child.isAlive();
    }

    /** SIGTERM (Caddy's graceful stop), SIGKILL after 3 s. */
    public void stop() {
        child.stop(Duration.ofSeconds(3));
    }
}
