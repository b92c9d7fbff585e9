package dev.gauntlet.harness.runtime.container;

import dev.gauntlet.harness.runtime.ChildRegistry;
import dev.gauntlet.harness.runtime.GatewayProcess;
import dev.gauntlet.harness.runtime.Nftables;
import dev.gauntlet.harness.runtime.PartStartException;
import dev.gauntlet.harness.runtime.PartsRuntime;
import dev.gauntlet.harness.runtime.ScenarioDns;
import dev.gauntlet.harness.runtime.TestCaTrustStore;
import dev.gauntlet.harness.topology.DnsZonePlan;
import dev.gauntlet.harness.topology.EndpointPlan;
import dev.gauntlet.harness.topology.NetworkPlacement;
import dev.gauntlet.harness.topology.Topology;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The containers runtime: every part in its own container on the run's own Docker network, through
 * Testcontainers.
 *
 * <pre>
 *   Gatling ─► 127.0.0.1:p ══► gateway (x.3) ─► toxiproxy (x.2, or x.100+k for DNS replicas) ─► api-0 (x.20) …
 *                                              (each replica: a container holding x.20+k, the backend's joined to it)
 *   observer ─► 127.0.0.1:q ══► gateway admin        DNS pools: gateway ─► scenario DNS server on x.1 (this host)
 * </pre>
 *
 * Only the gateway's listener and admin API, and Toxiproxy's control API, are published, each to the
 * host's 127.0.0.1. The harness reaches backends (control API, probes) at their addresses on the run
 * network, which the host routes to. Every container and the network carry the run's labels and are
 * recorded before they are made; {@link #close()} removes them, saving each container's log first.
 */
public final class ContainerRuntime implements PartsRuntime {

    private final String runId;
    private final Path runDir;
    private final ChildRegistry registry;
    private final Map<String, BackendContainer> backends = new LinkedHashMap<>();
    private RunNetwork network;
    private NetworkPlacement placement;
    private Topology topology;
    private ToxiproxyInContainer toxiproxy;
    private GatewayContainer gateway;
    private ScenarioDns dns;
    private Nftables nftables;
    private boolean closed;

    public ContainerRuntime(String runId, Path runDir, ChildRegistry registry) {
        this.runId = runId;
        this.runDir = runDir;
        this.registry = registry;
    }

    @Override
    public String kind() {
        return "containers";
    }

    /** Makes the run network on first call (after removing what killed runs left): the placement needs its subnet. */
    @Override
    public synchronized NetworkPlacement placement() {
        if (placement == null) {
            for (String swept : ContainerLeftovers.sweepDeadRuns(Docker.client())) {
                System.out.println("removed a leftover of a killed run: " + swept);
            }
            registry.registerDocker("network", "gauntlet-" + runId, "");
            network = RunNetwork.create(runId, Docker.labels(runId, "network"));
            placement = new NetworkPlacement(network.prefix());
        }
        return placement;
    }

    @Override
    public synchronized void start(Topology topology) {
        this.topology = topology;
        NetworkPlacement at = placement();
        CompletableFuture<String> gatewayImage = CompletableFuture.supplyAsync(() -> PartImages.ensure(PartImages.gateway(), runId));
        CompletableFuture<String> backendImage = CompletableFuture.supplyAsync(() -> PartImages.ensure(PartImages.backend(), runId));
        toxiproxy = new ToxiproxyInContainer(network.network(), runId, at.proxyHost());
        registry.registerDocker("container", toxiproxy.name(), "");
        toxiproxy.start();
        for (DnsZonePlan zone : topology.dnsZones()) {
            for (String address : zone.replicaAddresses()) {
                addAddressToToxiproxy(address);
            }
        }
        String image = join(backendImage);
        for (EndpointPlan plan : topology.endpoints()) {
            BackendContainer backend = new BackendContainer(plan, image, network.network(), runId);
            backend.names().forEach(n -> registry.registerDocker("container", n, ""));
            backends.put(plan.id(), backend);
        }
        join(CompletableFuture.allOf(backends.values().stream().map(b -> CompletableFuture.runAsync(b::start))
                .toArray(CompletableFuture[]::new)));
        for (EndpointPlan plan : topology.endpoints()) {
            // by alias: Toxiproxy resolves it through Docker's DNS at every dial, as a service name is resolved
            toxiproxy.createProxy(plan.id(), plan.proxyAddress(), plan.id() + ":" + plan.backendPort());
        }
        if (topology.hasDns()) {
            dns = ScenarioDns.start(at.dnsServerHost(), topology.dnsPort(), ScenarioDns.initialZones(topology),
                    runDir.resolve("dns.log"));
        }
        Path trustStore = null;
        List<String> trustOptions = List.of();
        if (TestCaTrustStore.needed(topology.gatewayConfig()) && !topology.endpoints().isEmpty()) {
            trustStore = TestCaTrustStore.write(TestCaTrustStore.fetchCa(topology.endpoints().get(0)),
                    runDir.resolve("gateway-truststore.p12"));
            trustOptions = TestCaTrustStore.jvmOptions(Path.of(GatewayContainer.TRUST_STORE));
        }
        Path config = GatewayProcess.writeConfig(topology.gatewayConfig(), runDir);
        gateway = new GatewayContainer(join(gatewayImage), network.network(), runId, at.gatewayHost(), config, trustStore,
                trustOptions);
        registry.registerDocker("container", gateway.name(), "");
        gateway.start();
        if (topology.gatewayOpenFilesLimit() > 0) {
            limitOpenFiles(gateway.pid(), topology.gatewayOpenFilesLimit());
        }
    }

    /**
     * A DNS replica's proxy needs an address of its own (records name replicas, the port is shared): an extra
     * address on Toxiproxy's interface, added from the host in the container's network namespace.
     */
    private void addAddressToToxiproxy(String address) {
        run(List.of("nsenter", "-t", Long.toString(toxiproxy.pid()), "-n", "ip", "addr", "add", address + "/24", "dev", "eth0"),
                "add DNS replica address " + address + " to the toxiproxy container (needs root)");
    }

    private static void limitOpenFiles(long pid, int limit) {
        run(GatewayProcess.prlimitCommand(pid, limit), "set the gateway's open-files limit to " + limit);
    }

    private static void run(List<String> command, String what) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new PartStartException("containers runtime: could not " + what + " (" + String.join(" ", command) + ": "
                        + (output.isEmpty() ? "no output" : output) + ")");
            }
        } catch (IOException e) {
            throw new PartStartException("containers runtime: could not " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PartStartException("containers runtime: interrupted while trying to " + what);
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    @Override
    public Topology topology() {
        return topology;
    }

    @Override
    public BackendContainer backend(String id) {
        BackendContainer b = backends.get(id);
        if (b == null) {
            throw new IllegalArgumentException("no backend " + id);
        }
        return b;
    }

    @Override
    public List<BackendContainer> backends() {
        return List.copyOf(backends.values());
    }

    @Override
    public ToxiproxyInContainer toxiproxy() {
        return toxiproxy;
    }

    @Override
    public ScenarioDns dns() {
        if (dns == null) {
            throw new IllegalStateException("this topology has no pool found through DNS");
        }
        return dns;
    }

    /** The run's table inside the Toxiproxy container's namespace: every proxy's traffic passes there. */
    @Override
    public synchronized Nftables nftables() {
        if (nftables == null) {
            nftables = Nftables.inNamespaceOf(toxiproxy.pid(), runId, runDir);
        }
        return nftables;
    }

    /**
     * The launch as the run loop needs it: with this run's id and directory, so the kind's view writes its config
     * history there. The default rebuilt from URLs has neither (it suits a runtime that renders nothing).
     */
    @Override
    public dev.gauntlet.harness.kind.GatewayLaunch gatewayLaunch() {
        java.net.URI data = java.net.URI.create(gateway.baseUrl());
        java.net.URI admin = java.net.URI.create(gateway.adminUrl());
        return new dev.gauntlet.harness.kind.GatewayLaunch(runId, runDir, topology.gatewayConfig(), data.getHost(),
                data.getPort(), admin.getPort(), topology.cluster(), topology::endpointIdFor,
                topology.gatewayOpenFilesLimit(), null);
    }

    @Override
    public GatewayContainer gateway() {
        return gateway;
    }

    @Override
    public String describe() {
        return (2 * backends.size() + 2) + " containers on network gauntlet-" + runId + " (" + placement.subnet() + "): toxiproxy, "
                + backends.size() + " backends and the gateway (" + gateway.baseUrl() + ")";
    }

    /** Saves every container's log, removes the containers, then the network; safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Runnable> removals = new ArrayList<>();
        if (gateway != null) {
            removals.add(() -> {
                gateway.saveLogs(runDir);
                gateway.remove();
            });
        }
        for (BackendContainer b : backends.values()) {
            removals.add(() -> {
                b.saveLogs(runDir);
                b.remove();
            });
        }
        if (toxiproxy != null) {
            removals.add(() -> {
                toxiproxy.saveLogs(runDir);
                toxiproxy.remove();
            });
        }
        removals.parallelStream().forEach(r -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                System.err.println("containers runtime: " + e.getMessage() + " (the next run removes it)");
            }
        });
        if (dns != null) {
            dns.close();
        }
        if (network != null) {
            try {
                network.close();
            } catch (RuntimeException e) {
                System.err.println("containers runtime: network gauntlet-" + runId + " not removed: " + e.getMessage());
            }
        }
        registry.close();
    }
}
