package dev.gauntlet.harness.runtime;

import dev.gauntlet.harness.topology.EndpointPlan;
import dev.gauntlet.harness.topology.Topology;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * For a gateway kind's integration test: the real Toxiproxy and fake backends of a topology, with one proxy per
 * endpoint, as {@link LocalRuntime} starts them, but without a gateway (the kind under test starts its own).
 *
 * <pre>{@code
 * try (KindTestParts parts = KindTestParts.start(topology, runId, runDir, registry)) {
 *     parts.toxiproxy().proxy("api-0").disable();   // api-0 refuses
 * }
 * }</pre>
 */
public final class KindTestParts implements AutoCloseable {

    private final ToxiproxyServer toxiproxy;
    private final List<BackendProcess> backends;

    private KindTestParts(ToxiproxyServer toxiproxy, List<BackendProcess> backends) {
        this.toxiproxy = toxiproxy;
        this.backends = backends;
    }

    public static KindTestParts start(Topology topology, String runId, Path runDir, ChildRegistry registry) {
        ToxiproxyServer toxiproxy = ToxiproxyServer.start(topology.toxiproxyPort(), runId, runDir, registry);
        List<BackendProcess> backends = new ArrayList<>();
        KindTestParts parts = new KindTestParts(toxiproxy, backends);
        try {
            for (EndpointPlan plan : topology.endpoints()) {
                toxiproxy.createProxy(plan.id(), plan.proxyAddress(), plan.backendAddress());
                BackendProcess backend = new BackendProcess(plan, runId, runDir, registry);
                backends.add(backend);
                backend.start();
            }
        } catch (RuntimeException e) {
            parts.close();
            throw e;
        }
        return parts;
    }

    public ToxiproxyServer toxiproxy() {
        return toxiproxy;
    }

    public List<BackendProcess> backends() {
        return List.copyOf(backends);
    }

    @Override
    public void close() {
        backends.forEach(BackendProcess::stop);
        toxiproxy.stop();
    }
}
