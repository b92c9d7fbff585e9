package dev.gauntlet.harness.score;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.harness.kind.DetectionModel;
import dev.gauntlet.harness.kind.GatewayKinds;
import dev.gauntlet.harness.kind.builtin.BuiltinDetectionModel;
import dev.gauntlet.report.run.EndpointInfo;
import dev.gauntlet.report.run.RequestRecord;
import dev.gauntlet.report.run.RunDirectory;
import dev.gauntlet.report.run.RunManifest;
import dev.gauntlet.report.run.TimelineEvent;
import dev.gauntlet.report.run.ViewEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything read from a run directory, put in the shape scoring needs: the run's span, its phases, the
 * cluster's endpoints with their truth and view timelines, the faults, the requests and the bounds.
 *
 * <p>A part that could not be read is null together with the reason, so the metrics built on it are
 * unknown instead of invented: {@code view} (no view observed, or nothing recorded for the cluster),
 * {@code requests}, {@code model} (the gateway kind's bound model; null with {@code modelReason}), and the timeline (then {@code phases} and {@code faults} are empty).
 * The raw view events of the cluster, timeline events, gateway config and Prometheus text are kept for the
 * metrics that need more than the timelines (false ejections, slow start, retry amplification); the
 * Prometheus text is null when {@code gateway-metrics.prom} is missing or unreadable.
 */
record RunFacts(
        RunManifest manifest,
        long startUs,
        long endUs,
        List<Phase> phases,
        List<String> endpoints,
        Map<String, StepTimeline<String>> truth,
        String timelineReason,
        Map<String, StepTimeline<Boolean>> view,
        String viewReason,
        List<FaultSpan> faults,
        List<RequestRecord> requests,
        String requestsReason,
        DetectionModel model,
        String modelReason,
        ConfigHistory configs,
        List<ViewEvent> viewEvents,
        List<TimelineEvent> timelineEvents,
        JsonNode gatewayConfig,
        String gatewayMetrics,
        ViewGaps gaps,
        long viewResolutionUs,
        Map<String, List<UnknownTruth>> unknownTruth) {

    /**
     * A stretch {@code [fromUs, toUs)} in which an endpoint's truth is unknown: an action on it was not verified, so
     * its truth stays what was last verified and every metric that depends on it in this stretch is unknown.
     */
    record UnknownTruth(long fromUs, long toUs, String reason) {
        boolean covers(long tUs) {
            return fromUs <= tUs && tUs < toUs;
        }
    }

    /** The first unknown-truth stretch of any endpoint overlapping {@code [fromUs, toUs)}; null when none does. */
    UnknownTruth unknownTruthOverlapping(String endpoint, long fromUs, long toUs) {
        for (Map.Entry<String, List<UnknownTruth>> e : unknownTruth.entrySet()) {
            if (endpoint != null && !endpoint.equals(e.getKey())) {
                continue;
            }
            for (UnknownTruth u : e.getValue()) {
                if (u.fromUs() < toUs && u.toUs() > fromUs) {
                    return u;
                }
            }
        }
        return null;
    }

    static RunFacts load(RunDirectory dir, RunManifest m) {
        List<TimelineEvent> timeline = new ArrayList<>();
        String timelineReason = null;
        try {
            timeline.addAll(dir.timeline());
            timeline.sort(Comparator.comparingLong(TimelineEvent::tUs));
        } catch (RuntimeException e) {
            timelineReason = "timeline.jsonl unreadable: " + e.getMessage();
        }
        List<RequestRecord> requests = null;
        String requestsReason = null;
        try {
            requests = List.copyOf(dir.requests());
        } catch (RuntimeException e) {
            requestsReason = "requests.jsonl unreadable: " + e.getMessage();
        }
        long start = m.startUs();
        long end = m.endUs();
        if (end < start) { // end never written: the run died; its last answered request is the best end there is
            end = requests == null ? start : requests.stream().mapToLong(RequestRecord::endUs).max().orElse(start);
            end = Math.max(start, end);
        }

        List<ViewEvent> viewEvents = List.of();
        List<ViewEvent> clusterLines = List.of();
        String viewReason = null;
        if (!m.viewObserved()) {
            viewReason = "no view was observed (gateway kind " + m.gatewayKind() + ")";
        } else {
            try {
                clusterLines = dir.view().stream()
                        .filter(e -> e.cluster() == null || e.cluster().equals(m.cluster()))
                        .filter(e -> e.endpoint() != null)
                        .toList();
                // a gap line (endpoint "*") is about the observer, not an endpoint: kept apart in ViewGaps
                viewEvents = clusterLines.stream().filter(e -> !e.gap()).toList();
                if (viewEvents.isEmpty()) {
                    viewReason = "view.jsonl holds no events for cluster " + m.cluster();
                }
            } catch (RuntimeException e) {
                viewReason = "view.jsonl unreadable: " + e.getMessage();
            }
        }

        JsonNode config = null;
        String configReason = null;
        try {
            config = dir.gatewayConfig();
        } catch (RuntimeException e) {
            configReason = "gateway-config.json unreadable: " + e.getMessage();
        }
        ConfigHistory configs = ConfigHistory.load(dir, config);
        DetectionModel model = model(m.gatewayKind());
        String modelReason = configReason != null ? configReason
                : model == null ? "no detection model for gateway kind " + m.gatewayKind() : null;

        List<String> endpoints = clusterEndpoints(m, viewEvents, config);
        Map<String, StepTimeline<Boolean>> view = viewReason == null ? viewTimelines(viewEvents) : null;
        Map<String, StepTimeline<String>> truth = truthTimelines(endpoints, timeline);
        Map<String, List<UnknownTruth>> unknownTruth = unknownTruth(timeline, m.startUs());
        List<FaultSpan> faults = pairFaults(timeline, end);
        List<Phase> phases = timelineReason == null ? phases(faults, start, end) : List.of();
        String metrics = null;
        try {
            if (java.nio.file.Files.isRegularFile(dir.file(RunDirectory.GATEWAY_METRICS))) {
                metrics = java.nio.file.Files.readString(dir.file(RunDirectory.GATEWAY_METRICS));
            }
        } catch (java.io.IOException | RuntimeException e) {
            metrics = null; // unreadable counts as missing: retry amplification is then unknown
        }
        return new RunFacts(m, start, end, phases, endpoints, truth, timelineReason, view, viewReason, faults,
                requests, requestsReason, modelReason == null ? model : null, modelReason, configs, viewEvents,
                List.copyOf(timeline), config, metrics, ViewGaps.of(clusterLines, end), Math.max(0, m.viewResolutionUs()),
                unknownTruth);
    }

    /**
     * The bound model of the run's gateway kind: the registered kind's, else our own gateway's for {@code builtin}
     * (and for run directories written before the kind was recorded); null for a kind nobody models.
     */
    static DetectionModel model(String kind) {
        try {
            if (kind != null && GatewayKinds.names().contains(kind)) {
                return GatewayKinds.byName(kind).detectionModel();
            }
        } catch (RuntimeException unregistered) {
            return null;
        }
        return kind == null || kind.isBlank() || "builtin".equals(kind) ? new BuiltinDetectionModel() : null;
    }

    /** The rate the load offered the gateway: measured arrivals, else the manifest's target. */
    double loadRatePerSec() {
        Double measured = Scorer.arrivalRate(requests);
        return measured != null ? measured : manifest.targetRatePerSec();
    }

    /**
     * What the bound model needs of the run at one fault: the rate, the usable endpoints, and the recorded requests
     * that ended at or after the action began, sorted by start (none when requests.jsonl is unreadable).
     *
     * @param fromUs  the inject's {@code requested_us}
     * @param byUs    the inject's verified {@code t_us}
     * @param untilUs the heal's {@code requested_us}, else the run's end
     */
    DetectionModel.RunContext runContext(int usable, long fromUs, long byUs, long untilUs) {
        List<DetectionModel.Arrival> arrivals = requests == null ? List.of() : requests.stream()
                .filter(r -> r.endUs() >= fromUs)
                .sorted(Comparator.comparingLong(RequestRecord::startUs))
                .map(r -> new DetectionModel.Arrival(r.startUs(), r.endUs(), r.status() != 0))
                .toList();
        return new DetectionModel.RunContext(loadRatePerSec(), usable,
                new DetectionModel.Arrivals(arrivals, fromUs, Math.max(fromUs, byUs), untilUs));
    }

    /** The config in effect at {@code tUs}. */
    JsonNode configAt(long tUs) {
        return configs.at(tUs);
    }

    /** The phase a request belongs to, by its start; before the first phase → the first, after the last → the last. */
    Phase phaseOf(long tUs) {
        for (Phase p : phases) {
            if (tUs < p.toUs()) {
                return p;
            }
        }
        return phases.isEmpty() ? null : phases.get(phases.size() - 1);
    }

    Phase phase(String name) {
        return phases.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    /**
     * The cluster's endpoints as the gateway knows them: those in its view, else those in its config, else the
     * manifest's endpoints of the pool named like the cluster, else every endpoint of the topology.
     */
    private static List<String> clusterEndpoints(RunManifest m, List<ViewEvent> viewEvents, JsonNode config) {
        Set<String> ids = new LinkedHashSet<>();
        viewEvents.forEach(e -> ids.add(e.endpoint()));
        if (ids.isEmpty() && config != null) {
            for (JsonNode c : config.path("clusters")) {
                if (c.path("name").asText("").equals(m.cluster())) {
                    c.path("endpoints").forEach(e -> ids.add(e.path("name").asText()));
                }
            }
            ids.remove("");
        }
        if (ids.isEmpty()) {
            m.endpoints().stream().filter(e -> e.pool() != null && e.pool().equals(m.cluster()))
                    .forEach(e -> ids.add(e.id()));
        }
        if (ids.isEmpty()) {
            m.endpoints().stream().map(EndpointInfo::id).forEach(ids::add);
        }
        return List.copyOf(ids);
    }

    /**
     * Per endpoint: the first snapshot line (if it comes before any transition) is the state from the start;
     * every later line, including a re-connect's snapshot, is a change at its time. An endpoint with no
     * snapshot starts usable (CONTRACTS.md: endpoints start healthy).
     */
    private static Map<String, StepTimeline<Boolean>> viewTimelines(List<ViewEvent> events) {
        Map<String, StepTimeline.Builder<Boolean>> builders = new LinkedHashMap<>();
        Set<String> initialised = new java.util.HashSet<>();
        for (ViewEvent e : events) {
            StepTimeline.Builder<Boolean> b = builders.computeIfAbsent(e.endpoint(), k -> StepTimeline.startingAt(true));
            boolean first = initialised.add(e.endpoint());
            if (first && "snapshot".equals(e.reason()) && !b.hasChanges()) {
                b.initial(e.usable());
            } else {
                b.change(e.tUs(), e.usable());
            }
        }
        Map<String, StepTimeline<Boolean>> out = new LinkedHashMap<>();
        builders.forEach((k, b) -> out.put(k, b.build()));
        return out;
    }

    /**
     * Endpoints start up; each <em>verified</em> timeline event sets its target's truth from then on. An unverified
     * one leaves the truth as it was and opens an {@link UnknownTruth} stretch instead.
     */
    private static Map<String, StepTimeline<String>> truthTimelines(List<String> endpoints, List<TimelineEvent> timeline) {
        Map<String, StepTimeline.Builder<String>> builders = new LinkedHashMap<>();
        endpoints.forEach(id -> builders.put(id, StepTimeline.startingAt(TimelineEvent.UP)));
        for (TimelineEvent e : timeline) {
            if (e.target() != null && e.truth() != null && e.verified()) {
                builders.computeIfAbsent(e.target(), k -> StepTimeline.startingAt(TimelineEvent.UP)).change(e.tUs(), e.truth());
            }
        }
        Map<String, StepTimeline<String>> out = new LinkedHashMap<>();
        builders.forEach((k, b) -> out.put(k, b.build()));
        return out;
    }

    /**
     * Per endpoint: from each unverified action's start ({@code requested_us}) until the next verified action on it
     * (or forever), the truth is unknown.
     */
    private static Map<String, List<UnknownTruth>> unknownTruth(List<TimelineEvent> timeline, long startUs) {
        Map<String, List<UnknownTruth>> out = new LinkedHashMap<>();
        for (int i = 0; i < timeline.size(); i++) {
            TimelineEvent e = timeline.get(i);
            if (e.verified() || e.target() == null || e.truth() == null) {
                continue;
            }
            long from = e.requestedUs() > 0 && e.requestedUs() <= e.tUs() ? e.requestedUs() : e.tUs();
            long to = Long.MAX_VALUE;
            for (int j = i + 1; j < timeline.size(); j++) {
                TimelineEvent next = timeline.get(j);
                if (next.verified() && e.target().equals(next.target()) && next.truth() != null) {
                    to = next.tUs();
                    break;
                }
            }
            String why = String.format(java.util.Locale.ROOT, "%s %s of %s at %.1f s not verified%s", e.op(),
                    e.faultId() == null ? "" : e.faultId(), e.target(), (e.tUs() - startUs) / 1e6,
                    e.verification() == null || e.verification().isBlank() ? "" : " (" + e.verification() + ")");
            out.computeIfAbsent(e.target(), k -> new ArrayList<>()).add(new UnknownTruth(from, to, why));
        }
        return out;
    }

    /** Pairs each inject with the next heal of the same faultId; heals after the run's end do not count. */
    private static List<FaultSpan> pairFaults(List<TimelineEvent> timeline, long endUs) {
        List<TimelineEvent> injects = new ArrayList<>();
        Map<TimelineEvent, TimelineEvent> heals = new IdentityHashMap<>(); // identical lines are distinct events
        for (TimelineEvent e : timeline) {
            if (TimelineEvent.INJECT.equals(e.op()) && e.tUs() <= endUs) {
                injects.add(e);
            } else if (TimelineEvent.HEAL.equals(e.op()) && e.tUs() <= endUs) {
                injects.stream()
                        .filter(i -> i.faultId() != null && i.faultId().equals(e.faultId()) && !heals.containsKey(i))
                        .findFirst().ifPresent(i -> heals.put(i, e));
            }
        }
        return injects.stream().map(i -> new FaultSpan(i, heals.get(i))).toList();
    }

    /**
     * baseline [start, first inject), fault [first inject, last heal) or to the end if any fault is unhealed,
     * recovery [last heal, end). Empty phases are left out, except the baseline of a run without faults.
     */
    private static List<Phase> phases(List<FaultSpan> faults, long start, long end) {
        if (faults.isEmpty()) {
            return List.of(new Phase(Phase.BASELINE, start, end));
        }
        long firstInject = clamp(faults.stream().mapToLong(f -> f.inject().tUs()).min().orElseThrow(), start, end);
        boolean allHealed = faults.stream().allMatch(FaultSpan::healed);
        long faultEnd = allHealed
                ? clamp(faults.stream().mapToLong(f -> f.heal().tUs()).max().orElseThrow(), firstInject, end)
                : end;
        List<Phase> phases = new ArrayList<>();
        for (Phase p : List.of(new Phase(Phase.BASELINE, start, firstInject),
                new Phase(Phase.FAULT, firstInject, faultEnd), new Phase(Phase.RECOVERY, faultEnd, end))) {
            if (p.toUs() > p.fromUs()) {
                phases.add(p);
            }
        }
        return List.copyOf(phases);
    }

    private static long clamp(long t, long lo, long hi) {
        return Math.max(lo, Math.min(hi, t));
    }
}
