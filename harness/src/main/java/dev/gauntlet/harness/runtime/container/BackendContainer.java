package dev.gauntlet.harness.runtime.container;

import dev.gauntlet.harness.runtime.Backend;
import dev.gauntlet.harness.runtime.JvmOptions;
import dev.gauntlet.harness.runtime.PartStartException;
import dev.gauntlet.harness.topology.EndpointPlan;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * One fake backend replica in its own container, on its planned address of the run network and reached
 * by the alias of its endpoint id (Toxiproxy dials {@code api-0:port}). Crash is {@code docker kill}
 * (SIGKILL to the JVM, which is the container's main process); restart starts the same container again,
 * so it comes back with the same alias, address and ports; hang is {@code docker pause} (the cgroup
 * freezer: the kernel still completes handshakes, nothing answers).
 *
 * <p>Like a Kubernetes pod, a replica is two containers: a small one that only holds the network
 * namespace (address, alias) and the backend's, which joins it. Killing the backend's container then
 * leaves the address in place and its closed port refuses, as when a pod's app container dies. With
 * one container the address itself would vanish with it: Docker's DNS keeps answering the alias for a
 * while and connections to it hang in SYN until the container comes back, so the same crash would be
 * a blackhole in one run and a refusal in the next (measured: detection 4.1 s once, 0.3 s twice).
 */
final class BackendContainer implements Backend {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    private final EndpointPlan plan;
    private final GenericContainer<?> holder;
    private final GenericContainer<?> container;
    private final String name;

    BackendContainer(EndpointPlan plan, String image, Network network, String runId) {
        this.plan = plan;
        this.name = "gauntlet-" + runId + "-" + plan.id();
        List<String> command = new ArrayList<>(JvmOptions.backend(runId));
        command.addAll(List.of("-jar", "/app/fake-backend.jar", "--id", plan.id(), "--host", "0.0.0.0",
                "--port", String.valueOf(plan.backendPort()), "--control-host", "0.0.0.0",
                "--control-port", String.valueOf(plan.controlPort()),
                // the gateway reaches it through Toxiproxy's address: a verified certificate must name that
                "--tls-ip-san", plan.proxyHost(), "--behaviour", plan.behaviour().toString()));
        this.holder = new GenericContainer<>(DockerImageName.parse(image))
                .withNetwork(network)
                .withNetworkAliases(plan.id())
                .withLabels(Docker.labels(runId, "backend-network"))
                .withCommand("infinity")
                .withCreateContainerCmdModifier(cmd -> cmd.withName(name + "-net").withEntrypoint("sleep")
                        .withIpv4Address(plan.host()));
        this.container = new GenericContainer<>(DockerImageName.parse(image))
                .withLabels(Docker.labels(runId, "backend"))
                .withCommand(command.toArray(String[]::new))
                .withCreateContainerCmdModifier(cmd -> cmd.withName(name))
                .waitingFor(Wait.forLogMessage(".*\"event\":\"ready\".*\\s*", 1).withStartupTimeout(START_TIMEOUT));
    }

    /** Both containers' names, the network holder's first: recorded before they are made. */
    List<String> names() {
        return List.of(name + "-net", name);
    }

    /** Starts the container and waits for the backend's ready line. */
    void start() {
        try {
            holder.start();
            container.withNetworkMode("container:" + holder.getContainerId());
            container.start();
        } catch (RuntimeException e) {
            throw new PartStartException("backend " + plan.id() + ": its container did not become ready: " + e.getMessage(), e);
        }
    }

    String id() {
        return container.getContainerId();
    }

    String name() {
        return name;
    }

    @Override
    public EndpointPlan plan() {
        return plan;
    }

    /**
     * {@code docker kill}. The call returns ~200 ms after the JVM is gone (the daemon waits for containerd), so
     * the crash fault times the death itself, watching the container's process in /proc from the host.
     */
    @Override
    public String crash() {
        Docker.client().killContainerCmd(id()).withSignal("KILL").exec();
        return "container " + name + " killed (docker kill, SIGKILL)";
    }

    @Override
    public String restart() {
        if (isAlive()) {
            crash();
        }
        Docker.client().startContainerCmd(id()).exec();
        awaitControlApi();
        return "container " + name + " started again as " + plan.id() + " (" + plan.host() + "), pid " + pid();
    }

    @Override
    public String hang() {
        Docker.client().pauseContainerCmd(id()).exec();
        return "container " + name + " paused (docker pause: cgroup freezer)";
    }

    @Override
    public String resume() {
        Docker.client().unpauseContainerCmd(id()).exec();
        return "container " + name + " unpaused";
    }

    @Override
    public boolean isAlive() {
        return Boolean.TRUE.equals(Docker.state(id()).getRunning());
    }

    @Override
    public int exitCode() {
        var state = Docker.state(id());
        return Boolean.TRUE.equals(state.getRunning()) || state.getExitCodeLong() == null ? -1 : state.getExitCodeLong().intValue();
    }

    @Override
    public long pid() {
        return Docker.pid(id());
    }

    /** A restarted container prints its ready line again; its control API answering says the same, sooner to poll. */
    private void awaitControlApi() {
        URI stats = URI.create("http://" + plan.host() + ":" + plan.controlPort() + "/_control/stats");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(stats).timeout(Duration.ofMillis(500)).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // the JVM is still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PartStartException("backend " + plan.id() + ": interrupted while it restarted");
            }
            if (!isAlive()) {
                throw new PartStartException("backend " + plan.id() + ": its container exited while restarting (exit " + exitCode() + ")");
            }
            LockSupport.parkNanos(20_000_000L); // polling a starting JVM in a real container
        }
        throw new PartStartException("backend " + plan.id() + ": not ready within " + START_TIMEOUT.toSeconds() + " s of its restart");
    }

    void saveLogs(Path runDir) {
        if (id() != null) {
            Docker.saveLogs(id(), runDir.resolve("backend-" + plan.id() + ".log"));
        }
    }

    void remove() {
        if (id() != null) {
            Docker.remove(id());
        }
        if (holder.getContainerId() != null) {
            Docker.remove(holder.getContainerId());
        }
    }
}
