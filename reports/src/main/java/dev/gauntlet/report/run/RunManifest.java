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
 * @param startUs      when load started (time zero of every chart), in the run's time base: CLOCK_MONOTONIC
 *                     microseconds, or epoch microseconds in runs written before the monotonic clock
 * @param endUs        when load ended, or when the run was aborted, in the same time base
 * @param aborted      true when the run was interrupted (Ctrl-C, SIGTERM, a part died)
 * @param gatewayKind  the gateway kind's name (builtin, envoy, haproxy, nginx, caddy, ...); view-based metrics are unknown when no view was read
 * @param viewObserved true when the gateway's view was recorded in {@code view.jsonl}
 * @param cluster      the cluster (route target) the load exercises
 * @param endpoints    every endpoint of the topology, in pool order
 * @param targetRatePerSec the configured open-model arrival rate (for load accuracy)
 * @param expect       the scenario's {@code expect} block: metric → expression, in file order
 * @param runtime      where the parts ran: local (processes) or containers; "local" for runs written before it existed
 * @param gatewayVersion   the gateway's version as it prints it (e.g. {@code 1.40.0}); null for runs written before it existed
 * @param viewSource       where the view's stamps came from, in words (e.g. {@code "haproxy log via syslog socket"}); null: unknown
 * @param viewResolutionUs how late a view stamp may be after the transition (0: stamped at the source; nginx's
 *                         log: 1000000); added to the bracket of every figure built on the view; 0 when missing
 * @param epochOffsetUs    epoch − monotonic at the run's start (µs): a stamp plus this is wall-clock time, for display
 *                         only; null in runs written before the monotonic clock, whose stamps are epoch already
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
        String runtime,
        String gatewayVersion,
        String viewSource,
        long viewResolutionUs,
        Long epochOffsetUs) {

    public RunManifest {
        runtime = runtime == null ? "local" : runtime;
        endpoints = List.copyOf(endpoints);
        expect = expect == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(expect));
    }

    /** A manifest that does not yet say which gateway version ran and how its view was read. */
    public RunManifest(String runId, String scenario, String description, long startUs, long endUs, boolean aborted,
                       String gatewayKind, boolean viewObserved, String cluster, List<EndpointInfo> endpoints,
                       double targetRatePerSec, Map<String, String> expect, String runtime) {
        this(runId, scenario, description, startUs, endUs, aborted, gatewayKind, viewObserved, cluster, endpoints,
                targetRatePerSec, expect, runtime, null, null, 0, null);
    }

    /** A manifest without an epoch offset (its stamps are epoch microseconds, as before the monotonic clock). */
    public RunManifest(String runId, String scenario, String description, long startUs, long endUs, boolean aborted,
                       String gatewayKind, boolean viewObserved, String cluster, List<EndpointInfo> endpoints,
                       double targetRatePerSec, Map<String, String> expect, String runtime, String gatewayVersion,
                       String viewSource, long viewResolutionUs) {
        this(runId, scenario, description, startUs, endUs, aborted, gatewayKind, viewObserved, cluster, endpoints,
                targetRatePerSec, expect, runtime, gatewayVersion, viewSource, viewResolutionUs, null);
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
                viewObserved, cluster, endpoints, targetRatePerSec, expect, runtime, gatewayVersion, viewSource, viewResolutionUs,
                epochOffsetUs);
    }

    /** The same run, saying which gateway version ran and how its view is read (once the gateway is up). */
    public RunManifest gateway(String version, String source, long resolutionUs) {
        return new RunManifest(runId, scenario, description, startUs, endUs, aborted, gatewayKind,
                viewObserved, cluster, endpoints, targetRatePerSec, expect, runtime, version, source, resolutionUs,
                epochOffsetUs);
    }

    public RunManifest ended(long endUs, boolean aborted) {
        return new RunManifest(runId, scenario, description, startUs, endUs, aborted, gatewayKind,
                viewObserved, cluster, endpoints, targetRatePerSec, expect, runtime, gatewayVersion, viewSource, viewResolutionUs,
                epochOffsetUs);
    }

    /** The same run, with its epoch offset recorded. */
    public RunManifest withEpochOffset(long offsetUs) {
        return new RunManifest(runId, scenario, description, startUs, endUs, aborted, gatewayKind, viewObserved,
                cluster, endpoints, targetRatePerSec, expect, runtime, gatewayVersion, viewSource, viewResolutionUs, offsetUs);
    }

    /** Epoch microseconds of a stamp of this run, for display (old runs' stamps are epoch already). */
    public long epochUs(long runUs) {
        return runUs + (epochOffsetUs == null ? 0 : epochOffsetUs);
    }
}
