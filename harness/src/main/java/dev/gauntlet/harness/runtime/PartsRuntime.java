package dev.gauntlet.harness.runtime;

import dev.gauntlet.harness.kind.GatewayKind;
import dev.gauntlet.harness.kind.GatewayKinds;
import dev.gauntlet.harness.kind.GatewayLaunch;
import dev.gauntlet.harness.topology.Placement;
import dev.gauntlet.harness.topology.Topology;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a topology's parts and hands the faults what they act on. Two kinds: {@code local} (child
 * processes on loopback, {@link LocalRuntime}) and {@code containers} (a container per part on the run's
 * own Docker network, {@code container.ContainerRuntime}); faults and the run loop see only this.
 *
 * <pre>{@code
 * PartsRuntime runtime = PartsRuntime.create("containers", runId, runDir, registry);
 * Topology topology = new TopologyPlanner().plan(scenario, runtime.placement());
 * runtime.start(topology);
 * runtime.backend("api-0").crash();
 * runtime.close();
 * }</pre>
 *
 * {@link #close()} stops everything started, is safe to call twice (normal path and shutdown hook),
 * and leaves nothing behind: no process, container, network, proxy or nftables table.
 */
public interface PartsRuntime extends AutoCloseable {

    static PartsRuntime create(String kind, String runId, Path runDir, ChildRegistry registry) {
        return create(kind, GatewayKinds.builtin(), runId, runDir, registry);
    }

    /**
     * A runtime starting {@code gateway} as the gateway under test. The containers runtime runs only
     * {@code builtin} (no other kind has an image yet); the scenario loader refuses the others before this.
     */
    static PartsRuntime create(String kind, GatewayKind gateway, String runId, Path runDir, ChildRegistry registry) {
        return switch (kind) {
            case "local" -> new LocalRuntime(runId, runDir, registry, gateway);
            case "containers" -> {
                if (!gateway.name().equals(GatewayKinds.builtin().name())) {
                    throw new IllegalArgumentException("gateway kind " + gateway.name() + " cannot run in the containers"
                            + " runtime yet (expected: builtin, or runtime local)");
                }
                yield new dev.gauntlet.harness.runtime.container.ContainerRuntime(runId, runDir, registry);
            }
            default -> throw new IllegalArgumentException("no runtime " + kind + " (expected local or containers)");
        };
    }

    /** The gateway's rendered native config (set by {@link #start}); null where the runtime renders none. */
    default dev.gauntlet.harness.kind.NativeConfig gatewayNativeConfig() {
        return null;
    }

    /** The kind of the gateway under test. */
    default GatewayKind gatewayKind() {
        return GatewayKinds.builtin();
    }

    /**
     * What the gateway was started with (set by {@link #start}): the run loop hands it to the kind to observe
     * the view and read the effective config. This default, for runtimes that start only {@code builtin},
     * rebuilds it from the topology and the gateway's URLs (no run id or run directory: it renders nothing).
     */
    default GatewayLaunch gatewayLaunch() {
        Topology t = topology();
        java.net.URI data = java.net.URI.create(gateway().baseUrl());
        java.net.URI admin = java.net.URI.create(gateway().adminUrl());
        return new GatewayLaunch("", null, t.gatewayConfig(), data.getHost(), data.getPort(), admin.getPort(),
                t.cluster(), t::endpointIdFor, t.gatewayOpenFilesLimit(), null);
    }

    /** "local" or "containers", as scenarios spell it. */
    String kind();

    /** Where this runtime puts the parts; the planner writes it into the topology. */
    Placement placement();

    /** Starts Toxiproxy, the backends with their proxies, the DNS server if any, then the gateway. */
    void start(Topology topology);

    /** What was started (set by {@link #start}). */
    Topology topology();

    Backend backend(String id);

    List<? extends Backend> backends();

    Toxiproxy toxiproxy();

    /** The scenario's DNS server; only for topologies with a pool found through DNS. */
    ScenarioDns dns();

    /** Where packet faults filter: the namespace the endpoints' proxy traffic passes through. Made on first use. */
    Nftables nftables();

    Gateway gateway();

    /** One line for the run's progress: what runs where. */
    String describe();

    @Override
    void close();
}
