package dev.gauntlet.harness.kind.haproxy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gauntlet.harness.fault.Fault;
import dev.gauntlet.harness.fault.FaultContext;
import dev.gauntlet.harness.fault.FaultRegistry;
import dev.gauntlet.harness.kind.GatewayLaunch;
import dev.gauntlet.harness.kind.NativeConfig;
import dev.gauntlet.harness.kind.ViewSink;
import dev.gauntlet.harness.kind.ViewSource;
import dev.gauntlet.harness.runtime.ChildRegistry;
import dev.gauntlet.harness.runtime.Gateway;
import dev.gauntlet.harness.runtime.PartsRuntime;
import dev.gauntlet.harness.scenario.FaultStep;
import dev.gauntlet.harness.scenario.Scenario;
import dev.gauntlet.harness.scenario.ScenarioLoader;
import dev.gauntlet.harness.topology.Topology;
import dev.gauntlet.harness.topology.TopologyPlanner;
import dev.gauntlet.report.run.ViewEvent;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Real parts for the haproxy ITs: Toxiproxy and three fake backends (through the local runtime, which also
 * starts our own gateway beside them, unused here), and a real HAProxy started through {@link HaproxyKind}
 * in front of the same Toxiproxy proxies, its view collected in memory.
 */
final class HaproxyParts implements AutoCloseable {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    final HaproxyKind kind = new HaproxyKind();
    final PartsRuntime runtime;
    final Topology topology;
    final GatewayLaunch launch;
    final NativeConfig config;
    final Gateway gateway;
    final ViewSource view;
    final List<ViewEvent> events = new CopyOnWriteArrayList<>();
    final List<String> gaps = new CopyOnWriteArrayList<>();

    HaproxyParts(String name, Path tmp, String healthCheck) throws Exception {
        Path file = Files.writeString(tmp.resolve(name + ".yaml"), """
                name: %s
                gateway:
                  config:
                    healthCheck: %s
                    retry: { maxRetries: 1, retryOn: [connect_failure, reset] }
                backends:
                  - { pool: api, replicas: 3, behaviour: { latency: { fixed: 2ms } } }
                load: { rate: 1/s, duration: 10s }
                """.formatted(name, healthCheck));
        Scenario scenario = new ScenarioLoader(tmp, (s, r) -> { }, (m, e) -> { }).load(file.toString(), List.of());
        String runId = name + "-" + System.currentTimeMillis();
        Path runDir = Path.of("target", runId).toAbsolutePath(); // kept so the parts' logs can be read after a failure
        ChildRegistry registry = ChildRegistry.open(runDir);
        runtime = PartsRuntime.create("local", runId, runDir, registry);
        topology = new TopologyPlanner().plan(scenario, runtime.placement());
        runtime.start(topology);
        int listen = freePort();
        int admin = freePort();
        ObjectNode neutral = topology.gatewayConfig().deepCopy();
        ((ObjectNode) neutral.path("listen")).put("port", listen);
        ((ObjectNode) neutral.path("admin")).put("port", admin);
        launch = new GatewayLaunch(runId, runDir, neutral, "127.0.0.1", listen, admin, topology.cluster(),
                topology::endpointIdFor);
        config = kind.render(launch);
        List<String> complaints = kind.validate(config, launch);
        if (!complaints.isEmpty()) {
            throw new IllegalStateException("haproxy -c: " + complaints);
        }
        gateway = kind.start(launch, config, registry);
        view = kind.observe(gateway, launch, new ViewSink() {
            @Override
            public void accept(ViewEvent event) {
                events.add(event);
            }

            @Override
            public void gap(long fromUs, String why) {
                gaps.add(fromUs + " " + why);
            }
        });
    }

    /** A free port on loopback for TCP and for UDP (the syslog socket uses the admin port's number). */
    private static int freePort() throws IOException {
        while (true) {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            try (DatagramSocket d = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
                return port;
            } catch (IOException udpTaken) {
                // try another
            }
        }
    }

    Fault fault(String yaml, int endpoint) throws Exception {
        ObjectNode params = (ObjectNode) YAML.readTree(yaml);
        FaultStep step = new FaultStep(0, Duration.ZERO, params.path("action").asText(), "api", List.of(endpoint), null, params);
        return FaultRegistry.standard().create(step, new FaultContext(runtime, topology.endpoint("api", endpoint).orElseThrow(),
                dev.gauntlet.harness.fault.Micros.MONOTONIC, "/health")); // the run's time base, as the view's stamps
    }

    /** The first transition of {@code endpoint} to {@code usable} stamped at or after {@code fromUs}. */
    ViewEvent firstTransition(String endpoint, boolean usable, long fromUs) {
        return events.stream().filter(e -> e.endpoint().equals(endpoint) && e.usable() == usable
                && !e.reason().equals("snapshot") && e.tUs() >= fromUs).findFirst().orElse(null);
    }

    @Override
    public void close() {
        view.close();
        if (gateway instanceof HaproxyGateway h) {
            h.stop();
        }
        runtime.close();
    }
}
