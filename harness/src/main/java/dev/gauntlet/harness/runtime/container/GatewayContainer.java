package dev.gauntlet.harness.runtime.container;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import dev.gauntlet.harness.runtime.Gateway;
import dev.gauntlet.harness.runtime.JvmOptions;
import dev.gauntlet.harness.runtime.PartStartException;
import dev.gauntlet.harness.topology.NetworkPlacement;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * Our gateway in its container on the run network, its listener and admin API published to the host's
 * 127.0.0.1 only (random host ports), for Gatling and the observer. Its config (and trust store, for
 * upstream TLS) is copied in before it starts.
 */
final class GatewayContainer implements Gateway {

    static final String CONFIG = "/etc/gauntlet/gateway.yaml";
    static final String TRUST_STORE = "/etc/gauntlet/truststore.p12";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final GenericContainer<?> container;
    private final String name;

    /**
     * @param trustStore a PKCS#12 trust store to copy in, or null
     * @param trustOptions the JVM options naming it (inside the container)
     */
    GatewayContainer(String image, Network network, String runId, String address, Path config, Path trustStore,
                     List<String> trustOptions) {
        this.name = "gauntlet-" + runId + "-gateway";
        List<String> command = new ArrayList<>(JvmOptions.gateway(runId));
        command.addAll(trustOptions);
        command.addAll(List.of("-jar", "/app/gateway.jar", "--config", CONFIG));
        GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(image))
                .withNetwork(network)
                .withNetworkAliases("gateway")
                .withLabels(Docker.labels(runId, "gateway"))
                .withCommand(command.toArray(String[]::new))
                .withExposedPorts(NetworkPlacement.GATEWAY_PORT, NetworkPlacement.GATEWAY_ADMIN_PORT)
                .withCopyFileToContainer(MountableFile.forHostPath(config), CONFIG)
                .withCreateContainerCmdModifier(cmd -> {
                    cmd.withName(name).withIpv4Address(address);
                    // published to loopback only: the load and admin API are this host's, not the LAN's
                    cmd.getHostConfig().withPortBindings(loopback(NetworkPlacement.GATEWAY_PORT),
                            loopback(NetworkPlacement.GATEWAY_ADMIN_PORT));
                })
                .waitingFor(Wait.forLogMessage(".*\"event\":\"ready\".*\\s*", 1).withStartupTimeout(START_TIMEOUT));
        if (trustStore != null) {
            c.withCopyFileToContainer(MountableFile.forHostPath(trustStore), TRUST_STORE);
        }
        this.container = c;
    }

    private static PortBinding loopback(int port) {
        return new PortBinding(Ports.Binding.bindIp("127.0.0.1"), ExposedPort.tcp(port));
    }

    void start() {
        try {
            container.start();
        } catch (RuntimeException e) {
            throw new PartStartException("gateway: its container did not become ready: " + e.getMessage(), e);
        }
    }

    String name() {
        return name;
    }

    @Override
    public String baseUrl() {
        return "http://127.0.0.1:" + container.getMappedPort(NetworkPlacement.GATEWAY_PORT);
    }

    @Override
    public String adminUrl() {
        return "http://127.0.0.1:" + container.getMappedPort(NetworkPlacement.GATEWAY_ADMIN_PORT);
    }

    @Override
    public long pid() {
        return container.getContainerId() == null ? -1 : Docker.pid(container.getContainerId());
    }

    @Override
    public boolean isAlive() {
        return pid() > 0;
    }

    void saveLogs(Path runDir) {
        if (container.getContainerId() != null) {
            Docker.saveLogs(container.getContainerId(), runDir.resolve("gateway.log"));
        }
    }

    void remove() {
        if (container.getContainerId() != null) {
            Docker.remove(container.getContainerId());
        }
    }
}
