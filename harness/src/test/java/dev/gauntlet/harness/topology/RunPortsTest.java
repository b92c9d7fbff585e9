package dev.gauntlet.harness.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.harness.scenario.ScenarioLoader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run ports come from outside the kernel's ephemeral range, so a restarting part cannot find its port taken
 * as some connection's source port; real binds on loopback check each pick.
 */
class RunPortsTest {

    private static final List<String> LOOPBACK = List.of("127.0.0.1");

    @TempDir
    Path tmp;

    @Test
    void everyPickLiesOutsideTheEphemeralRangeAndIsNeverRepeated() {
        RunPorts ports = new RunPorts(32_768, 60_999, new Random(7));
        List<Integer> picked = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            picked.add(ports.pick(LOOPBACK));
        }
        assertThat(picked).as("outside 32768-60999 and at least 10000")
                .allSatisfy(p -> assertThat(p).satisfiesAnyOf(x -> assertThat(x).isBetween(10_000, 32_767),
                        x -> assertThat(x).isBetween(61_000, 65_535)));
        assertThat(new HashSet<>(picked)).as("no port handed out twice").hasSize(picked.size());
        assertThat(picked).as("both bands are used").anyMatch(p -> p > 61_000).anyMatch(p -> p < 32_768);
    }

    @Test
    void aPortTakenByAnotherListenerIsSkipped() throws Exception {
        // A range leaving exactly two ports (10000 and 10001) outside it; one is held by a listener here.
        try (ServerSocket held = new ServerSocket()) {
            held.setReuseAddress(true);
            RunPorts ports;
            int free;
            try {
                held.bind(new java.net.InetSocketAddress(InetAddress.getByName("127.0.0.1"), 10_000), 1);
                ports = new RunPorts(10_002, 65_535, new Random(1));
                free = 10_001;
            } catch (java.io.IOException busy) {
                held.bind(new java.net.InetSocketAddress(InetAddress.getByName("127.0.0.1"), 10_001), 1);
                ports = new RunPorts(10_002, 65_535, new Random(1));
                free = 10_000;
            }
            assertThat(ports.pick(LOOPBACK)).as("the only free port outside the range").isEqualTo(free);
        }
    }

    @Test
    void aRangeCoveringEveryPortIsRefusedWithTheFileNamed() {
        assertThatThrownBy(() -> new RunPorts(1024, 65_535, new Random()))
                .hasMessage("/proc/sys/net/ipv4/ip_local_port_range: 1024 65535 (expected: a range leaving ports between"
                        + " 10000 and 65535 outside it)");
    }

    @Test
    void theKernelsRangeIsRead() throws Exception {
        Path file = Files.writeString(tmp.resolve("range"), "40000\t50000\n");
        assertThat(RunPorts.readRange(file)).containsExactly(40_000, 50_000);
        assertThat(RunPorts.readRange(tmp.resolve("missing"))).as("Linux's default when unreadable")
                .containsExactly(32_768, 60_999);
    }

    @Test
    void aLoopbackPlanPutsEveryRunPortOutsideThisHostsEphemeralRange() throws Exception {
        Path file = Files.writeString(tmp.resolve("dns.yaml"), """
                name: ports
                backends:
                  - { pool: api, replicas: 3 }
                  - { pool: dns-api, replicas: 2, dns: { name: api.gauntlet.test, ttl: 5s, records: [0] } }
                load: { rate: 10/s, duration: 5s }
                """);
        int[] range = RunPorts.readRange(RunPorts.RANGE_FILE);
        RunPorts kernel = new RunPorts(range[0], range[1], new Random());
        Topology t = new TopologyPlanner().plan(new ScenarioLoader(tmp, (s, r) -> { }, (m, e) -> { }).load(file.toString(), List.of()));

        List<Integer> ports = new ArrayList<>(List.of(t.toxiproxyPort(), t.dnsPort()));
        for (EndpointPlan e : t.endpoints()) {
            ports.addAll(List.of(e.backendPort(), e.controlPort(), e.proxyPort()));
        }
        JsonNode config = t.gatewayConfig();
        ports.add(config.path("listen").path("port").asInt());
        ports.add(config.path("admin").path("port").asInt());
        assertThat(ports).as("backends, control, proxies, DNS, Toxiproxy, gateway listen and admin: %s (range %s-%s)",
                ports, range[0], range[1]).allMatch(kernel::outsideEphemeral);
    }
}
