package dev.gauntlet.harness.runtime.container;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import dev.gauntlet.harness.runtime.PartStartException;
import dev.gauntlet.harness.runtime.ProxyTable;
import dev.gauntlet.harness.runtime.Toxiproxy;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.nio.file.Path;
import java.util.List;
import org.testcontainers.containers.Network;
import org.testcontainers.toxiproxy.ToxiproxyContainer;

/**
 * Toxiproxy as its library's users run it: testcontainers-toxiproxy's {@link ToxiproxyContainer} with
 * toxiproxy-java's client on its control port. Two changes from the defaults: only the control port is
 * published, to the host's 127.0.0.1 (the proxies serve the gateway on the run network, not this host's
 * LAN), and the container has a fixed address on the run network.
 */
final class ToxiproxyInContainer implements Toxiproxy {

    static final String IMAGE = "ghcr.io/shopify/toxiproxy:2.12.0";
    private static final int CONTROL_PORT = 8474;

    private final ToxiproxyContainer container;
    private final String runId;
    private final String name;
    private ProxyTable proxies;

    ToxiproxyInContainer(Network network, String runId, String address) {
        this.runId = runId;
        this.name = "gauntlet-" + runId + "-toxiproxy";
        this.container = new ToxiproxyContainer(IMAGE);
        container.setExposedPorts(List.of(CONTROL_PORT));
        container.withNetwork(network)
                .withNetworkAliases("toxiproxy")
                .withLabels(Docker.labels(runId, "toxiproxy"))
                .withCreateContainerCmdModifier(cmd -> {
                    cmd.withName(name).withIpv4Address(address);
                    cmd.getHostConfig().withPortBindings(
                            new PortBinding(Ports.Binding.bindIp("127.0.0.1"), ExposedPort.tcp(CONTROL_PORT)));
                });
    }

    void start() {
        try {
            container.start();
        } catch (RuntimeException e) {
            throw new PartStartException("toxiproxy: its container did not start (" + IMAGE + "; where no registry is"
                    + " reachable docker/build-base-images.sh builds it): " + e.getMessage(), e);
        }
        proxies = new ProxyTable(new ToxiproxyClient(container.getHost(), container.getControlPort()), runId);
    }

    String name() {
        return name;
    }

    /** A proxy listening on {@code listen} (an address of this container) in front of {@code upstream} (alias:port). */
    void createProxy(String endpointId, String listen, String upstream) {
        proxies.create(endpointId, listen, upstream);
    }

    @Override
    public Proxy proxy(String endpointId) {
        return proxies.get(endpointId);
    }

    @Override
    public long pid() {
        return container.getContainerId() == null ? -1 : Docker.pid(container.getContainerId());
    }

    void saveLogs(Path runDir) {
        if (container.getContainerId() != null) {
            Docker.saveLogs(container.getContainerId(), runDir.resolve("toxiproxy.log"));
        }
    }

    void remove() {
        if (container.getContainerId() != null) {
            Docker.remove(container.getContainerId());
        }
    }
}
