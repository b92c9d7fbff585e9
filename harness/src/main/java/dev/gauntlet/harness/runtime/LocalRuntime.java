package dev.gauntlet.harness.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.harness.kind.GatewayConfigRejectedException;
import dev.gauntlet.harness.kind.GatewayKind;
import dev.gauntlet.harness.kind.GatewayKinds;
import dev.gauntlet.harness.kind.GatewayLaunch;
import dev.gauntlet.harness.kind.NativeConfig;
import dev.gauntlet.harness.topology.EndpointPlan;
import dev.gauntlet.harness.topology.LoopbackPlacement;
import dev.gauntlet.harness.topology.Placement;
import dev.gauntlet.harness.topology.Topology;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The default runtime: every part a child process on 127.0.0.1.
 *
 * <pre>
 *   Gatling ──► gateway ──► Toxiproxy proxy (one per endpoint) ──► fake backend
 *                 │ │ admin (events, config) ◄── observer
 *                 │ └─ DNS pools: resolves their names through the scenario DNS server (in-process)
 * </pre>
 *
 * {@link #close()} stops everything it started, in reverse order, and is safe to call twice (from
 * the normal path and from the shutdown hook).
 */
public final class LocalRuntime implements PartsRuntime {

    private final String runId;
    private final Path runDir;
    private final ChildRegistry registry;
    private final Map<String, BackendProcess> backends = new LinkedHashMap<>();
    private Topology topology;
    private ToxiproxyServer toxiproxy;
    private ScenarioDns dns;
    private final GatewayKind kind;
    private GatewayLaunch launch;
    private NativeConfig rendered;
    private Gateway gateway;
    private Nftables nftables;
    private boolean closed;

    public LocalRuntime(String runId, Path runDir, ChildRegistry registry) {
        this(runId, runDir, registry, GatewayKinds.builtin());
    }

    /** A runtime whose gateway under test is of {@code kind}. */
    public LocalRuntime(String runId, Path runDir, ChildRegistry registry, GatewayKind kind) {
        this.runId = runId;
        this.runDir = runDir;
        this.registry = registry;
        this.kind = kind;
    }

    private final LoopbackPlacement placement = new LoopbackPlacement();

    @Override
    public String kind() {
        return "local";
    }

    @Override
    public Placement placement() {
        return placement;
    }

    @Override
    public String describe() {
        return "toxiproxy, " + backends.size() + " backends and the " + kind.name() + " gateway (" + gateway.baseUrl() + ")";
    }

    /** Starts Toxiproxy, the backends (in parallel) with their proxies, then the gateway. */
    @Override
    public synchronized void start(Topology topology) {
        this.topology = topology;
        toxiproxy = ToxiproxyServer.start(topology.toxiproxyPort(), runId, runDir, registry);
        List<CompletableFuture<Void>> starting = new ArrayList<>();
        for (EndpointPlan plan : topology.endpoints()) {
            toxiproxy.createProxy(plan.id(), plan.proxyAddress(), plan.backendAddress());
            BackendProcess backend = new BackendProcess(plan, runId, runDir, registry);
            backends.put(plan.id(), backend);
            starting.add(CompletableFuture.runAsync(backend::start));
        }
        try {
            CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        if (topology.hasDns()) {
            // before the gateway: it resolves its DNS pools once at start-up
            dns = ScenarioDns.start(topology.dnsPort(), ScenarioDns.initialZones(topology), runDir.resolve("dns.log"));
        }
        gateway = startGateway(topology);
    }

    /**
     * The gateway through its kind: render, save as {@code gateway.native.*}, the gateway's own validator
     * (a complaint is bad input: one line, exit 2), then start on the ports the plan fixed.
     */
    private Gateway startGateway(Topology topology) {
        kind.binary(); // a gateway that cannot be had here: one line naming what to install, exit 3
        Path ca = null;
        if (TestCaTrustStore.needed(topology.gatewayConfig()) && !topology.endpoints().isEmpty()) {
            ca = runDir.resolve("upstream-ca.pem");
            try {
                java.nio.file.Files.writeString(ca, TestCaTrustStore.fetchCa(topology.endpoints().get(0)));
            } catch (java.io.IOException e) {
                throw new PartStartException("gateway: cannot write " + ca + ": " + e.getMessage(), e);
            }
        }
        ObjectNode config = topology.gatewayConfig();
        launch = new GatewayLaunch(runId, runDir, config, config.path("listen").path("host").asText(LoopbackPlacement.LOOPBACK),
                config.path("listen").path("port").asInt(), config.path("admin").path("port").asInt(),
                topology.cluster(), topology::endpointIdFor, topology.gatewayOpenFilesLimit(), ca);
        rendered = kind.render(launch);
        rendered.save(runDir);
        List<String> complaints = kind.validate(rendered, launch);
        if (!complaints.isEmpty()) {
            throw new GatewayConfigRejectedException(runDir.getFileName() + "/gateway.native." + rendered.main()
                    + ": rejected by the " + kind.name() + " gateway's own validator: "
                    + String.join("; ", complaints).replace('\n', ' '));
        }
        return kind.start(launch, rendered, registry);
    }

    @Override
    public GatewayKind gatewayKind() {
        return kind;
    }

    @Override
    public GatewayLaunch gatewayLaunch() {
        return launch;
    }

    @Override
    public NativeConfig gatewayNativeConfig() {
        return rendered;
    }

    @Override
    public BackendProcess backend(String id) {
        BackendProcess b = backends.get(id);
        if (b == null) {
            throw new IllegalArgumentException("no backend " + id);
        }
        return b;
    }

    @Override
    public List<BackendProcess> backends() {
        return List.copyOf(backends.values());
    }

    @Override
    public ToxiproxyServer toxiproxy() {
        return toxiproxy;
    }

    /** The scenario's DNS server. */
    @Override
    public ScenarioDns dns() {
        if (dns == null) {
            throw new IllegalStateException("this topology has no pool found through DNS");
        }
        return dns;
    }

    /** What was started (set by {@link #start}). */
    @Override
    public Topology topology() {
        return topology;
    }

    /** The run's nftables table, made on first use. */
    @Override
    public synchronized Nftables nftables() {
        if (nftables == null) {
            nftables = Nftables.forRun(runId, runDir);
        }
        return nftables;
    }

    @Override
    public Gateway gateway() {
        return gateway;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (nftables != null) {
            nftables.deleteTable();
        }
        if (gateway != null) {
            gateway.stop();
        }
        if (dns != null) {
            dns.close();
        }
        backends.values().parallelStream().forEach(BackendProcess::stop);
        if (toxiproxy != null) {
            toxiproxy.stop();
        }
        registry.close();
    }
}
