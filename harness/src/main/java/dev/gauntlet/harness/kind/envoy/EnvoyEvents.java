package dev.gauntlet.harness.kind.envoy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.harness.fault.Micros;
import dev.gauntlet.harness.kind.DetectionModel.Mechanism;
import dev.gauntlet.report.run.ViewEvent;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Turns the lines of Envoy's two event logs into view transitions, keeping each endpoint's unusable flags so
 * that a host both failing active checks and ejected only becomes usable when both have cleared (Envoy's own
 * rule: a host is used when no health flag is set).
 *
 * <pre>
 *   health-check event sink (HealthCheckEvent JSON)          outlier event log (OutlierDetectionEvent JSON)
 *   eject_unhealthy_event {failure_type, http_status_code}   action EJECT, enforced true, type CONSECUTIVE_5XX
 *   add_healthy_event                                        action UNEJECT
 *   health_check_failure_event (not a transition: ignored)
 * </pre>
 *
 * Both carry {@code timestamp}, Envoy's system clock when it changed its mind, in milliseconds
 * ({@code TimestampUtil::systemClockToTimestamp}); it enters the run's time base through {@link Micros}.
 *
 * <pre>{@code
 * EnvoyEvents events = new EnvoyEvents("api", ids, Map.of("consecutive_5xx", 5));
 * events.accept(line).ifPresent(t -> sink.accept(t.event()));
 * }</pre>
 */
final class EnvoyEvents {

    static final String FAILED_ACTIVE_HC = "failed_active_hc";
    static final String FAILED_OUTLIER = "failed_outlier_check";

    /** A transition with what caused it (the ViewEvent's mechanism and detail). */
    record Transition(ViewEvent event, Mechanism mechanism, String detail) {
    }

    /**
     * One line's meaning before it is applied: a flag set or cleared on an endpoint at Envoy's stamp. Lines of
     * the two logs reach the harness in separate files, so they are sorted by stamp before they are applied.
     */
    record Change(long tUs, String cluster, String endpoint, String flag, boolean set, Mechanism mechanism,
                  String reason, String detail) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final UnaryOperator<String> endpointIds;
    private final Map<String, Integer> outlierThresholds;
    private final Map<String, TreeSet<String>> flags = new ConcurrentHashMap<>();

    /**
     * @param endpointIds       {@code ip:port} → topology endpoint id
     * @param outlierThresholds {@code consecutive_5xx} / {@code consecutive_gateway_failure} → the configured count
     */
    EnvoyEvents(UnaryOperator<String> endpointIds, Map<String, Integer> outlierThresholds) {
        this.endpointIds = endpointIds;
        this.outlierThresholds = Map.copyOf(outlierThresholds);
    }

    /** The topology id of an Envoy host address ({@code ip:port}). */
    String endpointId(String address) {
        String id = endpointIds.apply(address);
        return id == null ? address : id;
    }

    /** Seeds an endpoint's flags from a snapshot ({@code /clusters?format=json}). */
    void seed(String endpoint, List<String> unusableFlags) {
        flags.put(endpoint, new TreeSet<>(unusableFlags));
    }

    /** The flags an endpoint has now (empty: usable). */
    List<String> flags(String endpoint) {
        return List.copyOf(flags.getOrDefault(endpoint, new TreeSet<>()));
    }

    /** One log line parsed and applied at once (lines already in stamp order). */
    Optional<Transition> accept(String line) {
        return parse(line).map(this::apply);
    }

    /** One log line; empty when it is not a transition (a failed check below the threshold, a torn line). */
    Optional<Change> parse(String line) {
        JsonNode e;
        try {
            e = JSON.readTree(line);
        } catch (IOException torn) {
            return Optional.empty();
        }
        if (e == null || !e.isObject()) {
            return Optional.empty();
        }
        Long tUs = stamp(e.path("timestamp").asText(null));
        if (tUs == null) {
            return Optional.empty();
        }
        String cluster = e.path("cluster_name").asText();
        if (e.has("upstream_url")) {
            return outlier(e, tUs, cluster);
        }
        JsonNode sa = e.path("host").path("socket_address");
        String endpoint = endpointId(sa.path("address").asText() + ":" + sa.path("port_value").asInt());
        if (e.has("eject_unhealthy_event")) {
            JsonNode ev = e.get("eject_unhealthy_event");
            return Optional.of(new Change(tUs, cluster, endpoint, FAILED_ACTIVE_HC, true, Mechanism.ACTIVE_CHECK,
                    "active_hc_failed", failureDetail(ev.path("failure_type").asText(), ev.path("http_status_code").asInt())));
        }
        if (e.has("add_healthy_event")) {
            return Optional.of(new Change(tUs, cluster, endpoint, FAILED_ACTIVE_HC, false, Mechanism.ACTIVE_CHECK,
                    "active_hc_passed", "passed"));
        }
        return Optional.empty();
    }

    private Optional<Change> outlier(JsonNode e, long tUs, String cluster) {
        String endpoint = endpointId(e.path("upstream_url").asText());
        String action = e.path("action").asText();
        String type = e.path("type").asText().toLowerCase(java.util.Locale.ROOT);
        if (action.equals("EJECT") && e.path("enforced").asBoolean(true)) {
            Integer n = outlierThresholds.get(type);
            return Optional.of(new Change(tUs, cluster, endpoint, FAILED_OUTLIER, true, Mechanism.OUTLIER_EJECTION,
                    "outlier_ejected", n == null ? type : type + "=" + n));
        }
        if (action.equals("UNEJECT")) {
            return Optional.of(new Change(tUs, cluster, endpoint, FAILED_OUTLIER, false, Mechanism.OUTLIER_EJECTION,
                    "ejection_expired", "num_ejections=" + e.path("num_ejections").asInt()));
        }
        return Optional.empty(); // an ejection Envoy only counted (enforced false): the host stays in use
    }

    /** Sets or clears the change's flag on its endpoint; the endpoint is usable when no flag is left. */
    Transition apply(Change c) {
        TreeSet<String> now = flags.computeIfAbsent(c.endpoint(), k -> new TreeSet<>());
        synchronized (now) {
            if (c.set()) {
                now.add(c.flag());
            } else {
                now.remove(c.flag());
            }
            boolean usable = now.isEmpty();
            String state = usable ? "healthy" : now.contains(FAILED_ACTIVE_HC) ? "unhealthy" : "ejected";
            return new Transition(new ViewEvent(c.tUs(), c.cluster(), c.endpoint(), state, usable, List.copyOf(now),
                    c.reason(), c.mechanism().id(), c.detail()), c.mechanism(), c.detail());
        }
    }

    /** Envoy's HealthCheckFailureType as our detail words. */
    static String failureDetail(String failureType, int httpStatus) {
        return switch (failureType) {
            case "NETWORK_TIMEOUT" -> "timeout";
            // Envoy does not tell a refused connect from a reset or a close before the answer
            case "NETWORK" -> "refused or reset";
            case "ACTIVE" -> httpStatus > 0 ? "status " + httpStatus : "check failed";
            case "PASSIVE" -> "immediate-fail header";
            default -> failureType.toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** An RFC 3339 timestamp as epoch µs in the run's time base, or null when it is not one. */
    static Long stamp(String rfc3339) {
        if (rfc3339 == null) {
            return null;
        }
        try {
            return Micros.fromEpochUs(ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse(rfc3339)));
        } catch (DateTimeParseException bad) {
            return null;
        }
    }
}
