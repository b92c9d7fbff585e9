package dev.gauntlet.harness.kind.haproxy;

import dev.gauntlet.harness.runtime.ChildProcess;
import dev.gauntlet.harness.runtime.Gateway;
import java.net.DatagramSocket;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A running HAProxy: the child process, the syslog socket the harness bound for it before it started (so no
 * line of its start-up is lost) and its stats socket.
 *
 * <pre>{@code HaproxyGateway gw = (HaproxyGateway) kind.start(launch, cfg, registry); gw.syslog().getLocalPort();}</pre>
 */
final class HaproxyGateway implements Gateway {

    private final ChildProcess child;
    private final String baseUrl;
    private final int adminPort;
    private final DatagramSocket syslog;
    private final Path statsSocket;

    HaproxyGateway(ChildProcess child, String baseUrl, int adminPort, DatagramSocket syslog, Path statsSocket) {
        this.child = child;
        this.baseUrl = baseUrl;
        this.adminPort = adminPort;
        this.syslog = syslog;
        this.statsSocket = statsSocket;
    }

    @Override
    public String baseUrl() {
        return baseUrl;
    }

    /** The admin frontend: {@code /metrics} (Prometheus exporter) and {@code /stats}. */
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

    DatagramSocket syslog() {
        return syslog;
    }

    Path statsSocket() {
        return statsSocket;
    }

    /** SIGTERM (HAProxy's hard stop in foreground mode), SIGKILL after 3 s; then the syslog socket is freed. */
    @Override
    public void stop() {
        child.stop(Duration.ofSeconds(3));
        syslog.close();
    }
}
