package dev.gauntlet.report.run;

import java.util.List;
import java.util.Map;

/**
 * What a run was: saved as {@code run.json} when the run starts and rewritten when it ends.
 *
 * <p>Everything scoring needs besides the event files lives here, so a run directory can be
 * re-scored without the scenario parser: the expectations are copied verbatim from the scenario.
 *
 * @param runId        directory name, e.g. {@code 20261126-101500-one-of-three-crashes}
 * @param scenario     scenario name
 * @param startUs      epoch microseconds when load started (time zero of every chart)
 * @param endUs        epoch microseconds when load ended, or when the run was aborted
 * @param aborted      true when the run was interrupted (Ctrl-C, SIGTERM, a part died)
 * @param gatewayKind  builtin | haproxy | nginx | external; view-based metrics are unknown when no view was read
 * @param viewObserved true when the gateway's view was recorded in {@code view.jsonl}
 * @param cluster      the cluster (route target) the load exercises
 * @param endpoints    every endpoint of the topology, in pool order
 * @param targetRatePerSec the configured open-model arrival rate (for load accuracy)
 * @param expect       the scenario's {@code expect} block: metric → expression, in file order
 * @param runtime      where the parts ran: local (processes) or containers; "local" for runs written before it existed
 */
public record RunManifest(
        String runId,
        String scenario,
        String description,
        long startUs,
        long endUs,
        boolean aborted,
        String gatewayKind,
        boolean viewObserved,
        String cluster,
        List<EndpointInfo> endpoints,
        double targetRatePerSec,
        Map<String, String> expect,
        String runtime) {

    public RunManifest {
        runtime = runtime == null ? "local" : runtime;
        endpoints = List.copyOf(endpoints);
        expect = expect == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(expect));
    }

    /** A manifest of the local runtime. */
    public RunManifest(String runId, String scenario, String description, long startUs, long endUs, boolean aborted,
                       String gatewayKind, boolean viewObserved, String cluster, List<EndpointInfo> endpoints,
                       double targetRatePerSec, Map<String, String> expect) {
        this(runId, scenario, description, startUs, endUs, aborted, gatewayKind, viewObserved, cluster, endpoints,
                targetRatePerSec, expect, "local");
    }

    /** The same run, its load started at {@code startUs} (time zero of every chart). */
    public RunManifest started(long startUs) {
        return new RunManifest(runId, scenario, description, startUs, 0, false, gatewayKind,
                viewObserved, cluster, endpoints, targetRatePerSec, expect, runtime);
    }

    public RunManifest ended(long endUs, boolean aborted) {
        return new RunManifest(runId, scenario, description, startUs, endUs, aborted, gatewayKind,
                viewObserved, cluster, endpoints, targetRatePerSec, expect, runtime);
    }
}
