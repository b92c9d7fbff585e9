package dev.gauntlet.harness.kind.haproxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.harness.kind.AnswerLabeler;
import dev.gauntlet.harness.kind.DetectionModel;
import dev.gauntlet.harness.kind.GatewayKind;
import dev.gauntlet.harness.kind.GatewayLaunch;
import dev.gauntlet.harness.kind.GatewayInstaller;
import dev.gauntlet.harness.kind.GatewayUnavailableException;
import dev.gauntlet.harness.kind.NativeConfig;
import dev.gauntlet.harness.kind.Refusal;
import dev.gauntlet.harness.kind.ViewSink;
import dev.gauntlet.harness.kind.ViewSource;
import dev.gauntlet.harness.runtime.ChildProcess;
import dev.gauntlet.harness.runtime.ChildRegistry;
import dev.gauntlet.harness.runtime.Gateway;
import dev.gauntlet.harness.runtime.PartStartException;
import dev.gauntlet.harness.runtime.GatewayProcess;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.gauntlet.harness.fault.Micros;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * HAProxy 2.6 (Debian package {@code haproxy}) as a gateway kind: the neutral config becomes {@code haproxy.cfg}
 * (checked with {@code haproxy -c}), HAProxy runs in the foreground ({@code -db}) as a child of the run, its view
 * is its "Server b/s is UP/DOWN" log lines on a syslog socket the harness owns plus {@code show servers state},
 * its answers are labelled from the {@code x-gauntlet-flags} header its config adds. See docs/gateways/haproxy.md.
 *
 * <pre>{@code
 * GatewayKind haproxy = GatewayKinds.byName("haproxy");
 * NativeConfig cfg = haproxy.render(launch);                  // gateway.native.haproxy.cfg
 * Gateway gw = haproxy.start(launch, cfg, registry);          // returns once it routes
 * try (ViewSource view = haproxy.observe(gw, launch, sink)) { view.awaitAllUsable(3, Duration.ofSeconds(10)); }
 * }</pre>
 */
public final class HaproxyKind implements GatewayKind {

    public static final String NAME = "haproxy";
    static final String FILE = "haproxy.cfg";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    /** HAProxy 2.6 takes unix socket paths up to 97 bytes ('too long (max 97)'); a longer run directory puts it in /tmp. */
    private static final int MAX_SOCKET_PATH = 97;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Refusal> refusals(JsonNode neutralConfig) {
        return HaproxyRefusals.of(neutralConfig);
    }

    /** .tools/bin, PATH or /usr/sbin; else tools/install-haproxy.sh installs it (apt), or one line says what to install. */
    @Override
    public Path binary() {
        return GatewayInstaller.ensure(NAME);
    }

    /** {@code haproxy -v}: "HAProxy version 2.6.12-1+deb12u4 2026/10/17 - ..." → {@code 2.6.12-1+deb12u4}. */
    @Override
    public String version() {
        try {
            String out = run(List.of(binary().toString(), "-v")).strip();
            String[] words = out.split("\\s+");
            return words.length >= 3 && words[1].equals("version") ? words[2] : "unknown (" + out.lines().findFirst().orElse("") + ")";
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    @Override
    public NativeConfig render(GatewayLaunch launch) {
        String cfg = new HaproxyConfigRenderer(statsSocket(launch), upstreamCa(launch))
                .render(launch.neutral(), launch.listenPort(), launch.adminPort(), launch.runId());
        return new NativeConfig(Map.of(FILE, cfg), FILE);
    }

    /** {@code haproxy -c -f <file>}: its [ALERT] lines, or nothing when valid. */
    @Override
    public List<String> validate(NativeConfig config, GatewayLaunch launch) {
        copyCa(launch);
        Path file = write(config, launch);
        try {
            Process p = new ProcessBuilder(binary().toString(), "-c", "-f", file.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return List.of("haproxy -c did not finish within 30 s");
            }
            if (p.exitValue() == 0) {
                return List.of();
            }
            List<String> alerts = out.lines().filter(l -> l.contains("[ALERT]")).map(String::strip).toList();
            return alerts.isEmpty() ? List.of("haproxy -c exited " + p.exitValue() + ": " + out) : alerts;
        } catch (IOException e) {
            throw new GatewayUnavailableException("haproxy: cannot run " + binary() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of("interrupted while validating");
        }
    }

    @Override
    public Gateway start(GatewayLaunch launch, NativeConfig config, ChildRegistry registry) {
        DatagramSocket syslog;
        try {
            // bound before HAProxy starts, on the admin port number (UDP and TCP ports are separate spaces)
            syslog = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), launch.adminPort()));
            syslog.setReceiveBufferSize(1 << 20);
        } catch (IOException e) {
            throw new PartStartException("haproxy: cannot bind its syslog socket 127.0.0.1:" + launch.adminPort() + "/udp: " + e.getMessage(), e);
        }
        copyCa(launch);
        Path file = write(config, launch);
        try {
            Files.deleteIfExists(statsSocket(launch));
        } catch (IOException e) {
            syslog.close();
            throw new PartStartException("haproxy: cannot remove a stale stats socket: " + e.getMessage(), e);
        }
        ChildProcess child = ChildProcess.start("gateway", List.of(binary().toString(), "-db", "-f", file.toString()),
                launch.runDir().resolve("gateway.log"), registry, json -> false);
        HaproxyGateway gateway = new HaproxyGateway(child, launch.baseUrl(), launch.adminPort(), syslog, statsSocket(launch));
        awaitRouting(gateway, launch);
        if (launch.openFilesLimit() > 0) {
            limitOpenFiles(gateway, launch.openFilesLimit());
        }
        return gateway;
    }

    /** As our gateway's: set once it is ready (HAProxy raises its own limit at start-up, so not before). */
    private static void limitOpenFiles(HaproxyGateway gateway, int openFiles) {
        List<String> command = GatewayProcess.prlimitCommand(gateway.pid(), openFiles);
        try {
            String out = run(command).strip();
            if (!out.isEmpty()) {
                gateway.stop();
                throw new PartStartException("haproxy: could not set its open-files limit to " + openFiles + " ("
                        + String.join(" ", command) + ": " + out + ")");
            }
        } catch (IOException e) {
            gateway.stop();
            throw new PartStartException("haproxy: could not run prlimit: " + e.getMessage(), e);
        }
    }

    /** The test CA the harness fetched (upstream TLS), where haproxy.cfg's {@code ca-file} names it. */
    private static void copyCa(GatewayLaunch launch) {
        if (launch.upstreamCa() == null) {
            return;
        }
        try {
            Files.createDirectories(launch.runDir());
            Files.copy(launch.upstreamCa(), upstreamCa(launch), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new PartStartException("haproxy: cannot copy the test CA " + launch.upstreamCa() + ": " + e.getMessage(), e);
        }
    }

    /** Routing = the listener answers HTTP (any status: a 404 of the no-route backend is an answer too). */
    private static void awaitRouting(HaproxyGateway gateway, GatewayLaunch launch) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        HaproxyStatsSocket stats = new HaproxyStatsSocket(gateway.statsSocket());
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!gateway.isAlive()) {
                gateway.stop();
                throw new PartStartException("haproxy exited at start; see " + launch.runDir().resolve("gateway.log"));
            }
            try {
                http.send(HttpRequest.newBuilder(URI.create(launch.baseUrl() + "/")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                stats.serversState();
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(50); // production polling of a starting process
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        gateway.stop();
        throw new PartStartException("haproxy did not route on " + launch.baseUrl() + " within " + START_TIMEOUT.toSeconds() + " s");
    }

    @Override
    public ViewSource observe(Gateway gateway, GatewayLaunch launch, ViewSink sink) {
        if (!(gateway instanceof HaproxyGateway h)) {
            throw new IllegalArgumentException("haproxy: observe needs the gateway its start() returned, got " + gateway);
        }
        return new HaproxyViewSource(h.syslog(), new HaproxyStatsSocket(h.statsSocket()), launch.endpointIds(), sink,
                Micros.MONOTONIC); // the run's time base; HAProxy's own stamps enter it through Micros.fromEpochUs
    }

    /** A user's own haproxy.cfg: server lines, the stats socket and syslog address the view reads. */
    @Override
    public dev.gauntlet.harness.kind.template.TemplateDialect templates() {
        return new HaproxyTemplates();
    }

    @Override
    public AnswerLabeler labeler() {
        return new HaproxyLabeler();
    }

    @Override
    public dev.gauntlet.harness.kind.SettingNames settingNames() {
        return new HaproxySettingNames();
    }

    @Override
    public DetectionModel detectionModel() {
        return new HaproxyDetectionModel();
    }

    /**
     * The clusters' check and retry settings as the rendered haproxy.cfg states them ({@link HaproxyCfgReader}),
     * in our format plus HAProxy's own terms under {@code haproxy}.
     */
    @Override
    public ObjectNode effectiveConfig(Gateway gateway, GatewayLaunch launch, NativeConfig config) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode clusters = root.putArray("clusters");
        for (JsonNode c : launch.neutral().path("clusters")) {
            clusters.add(HaproxyCfgReader.check(HaproxyCluster.from(c), config.files().get(config.main())).effective());
        }
        root.put("source", "rendered " + FILE + " (haproxy -c checked)");
        return root;
    }

    static Path statsSocket(GatewayLaunch launch) {
        Path in = launch.runDir().toAbsolutePath().resolve("haproxy.sock");
        if (in.toString().length() <= MAX_SOCKET_PATH) {
            return in;
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "gauntlet-haproxy-" + Integer.toHexString(in.toString().hashCode()) + ".sock");
    }

    static Path upstreamCa(GatewayLaunch launch) {
        return launch.runDir().toAbsolutePath().resolve("gateway-upstream-ca.pem");
    }

    private static Path write(NativeConfig config, GatewayLaunch launch) {
        Path file = config.mainPath(launch.runDir()).toAbsolutePath();
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, config.files().get(config.main()));
        } catch (IOException e) {
            throw new PartStartException("haproxy: cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    private static String run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }
}
