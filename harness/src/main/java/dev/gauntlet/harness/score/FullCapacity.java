package dev.gauntlet.harness.score;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.report.run.ViewEvent;
import java.util.List;
import java.util.Map;

/**
 * Time to full capacity after the last heal: from the last heal to the first moment from which every endpoint
 * of the cluster stays usable in the view to the end of the run, and, when the gateway ramps recovered
 * endpoints up (slow start), has finished ramping.
 *
 * <pre>{@code
 * FullCapacity c = FullCapacity.of(facts);
 * c.ms();        // 2400.0: the last endpoint was usable 1.2 s after the heal, at full weight 1.2 s later
 * c.reason();    // null, or why it is unknown
 * c.watchedMs(); // how long after the last heal the run went on (a check fails when this exceeds its limit)
 * }</pre>
 *
 * <p>Slow start, two sources: the cluster's {@code slowStart.window} in gateway-config.json (our gateway ramps
 * an endpoint for that window from the moment it became healthy), and view events carrying the flag
 * {@code slow_start} (a gateway that reports its ramp: the ramp lasts until that endpoint's next event without
 * the flag). A reported ramp with neither a later event nor a window makes the value unknown.
 *
 * @param ms        last heal → full capacity, or null
 * @param watchedMs last heal → end of the run, or null when there is no last heal
 * @param reason    why {@code ms} is null
 */
record FullCapacity(Double ms, Double watchedMs, String reason) {

    static final String SLOW_START = "slow_start";

    static FullCapacity of(RunFacts facts) {
        if (facts.timelineReason() != null) {
            return new FullCapacity(null, null, facts.timelineReason());
        }
        if (facts.faults().isEmpty()) {
            return new FullCapacity(null, null, "the run has no faults, so no heal to recover from");
        }
        Phase recovery = facts.phase(Phase.RECOVERY);
        if (facts.faults().stream().anyMatch(f -> !f.healed()) || recovery == null) {
            return new FullCapacity(null, null, "a fault was not healed within the run");
        }
        long heal = recovery.fromUs();
        long end = facts.endUs();
        double watched = (end - heal) / 1000.0;
        if (facts.view() == null) {
            return new FullCapacity(null, watched, facts.viewReason());
        }
        FaultSpan last = facts.faults().stream().filter(f -> f.heal().tUs() == heal).findFirst().orElse(null);
        if (last != null && !last.heal().verified()) {
            return new FullCapacity(null, watched, "the last heal (" + last.inject().faultId() + ") was not verified"
                    + (last.heal().verification() == null ? "" : " (" + last.heal().verification() + ")"));
        }
        String lost = facts.gaps().overlapping(heal, end, facts.startUs());
        if (lost != null) {
            return new FullCapacity(null, watched, lost);
        }
        Double windowMs = slowStartWindowMs(facts.gatewayConfig(), facts.manifest().cluster());
        long full = heal;
        for (Map.Entry<String, StepTimeline<Boolean>> e : facts.view().entrySet()) {
            StepTimeline<Boolean> v = e.getValue();
            Long usableFrom = usableFrom(v, heal, end);
            if (usableFrom == null) {
                return new FullCapacity(null, watched, e.getKey() + " was not usable again by the end of the run");
            }
            long endpointFull = usableFrom;
            Long becameUsable = lastChangeToUsable(v, usableFrom);
            if (windowMs != null && windowMs > 0 && becameUsable != null) {
                endpointFull = Math.max(endpointFull, becameUsable + Durations.toUs(windowMs));
            }
            Long reported = reportedRampEnd(facts.viewEvents(), e.getKey(), heal, end);
            if (reported != null && reported == Long.MAX_VALUE) {
                if (windowMs == null || windowMs <= 0) {
                    return new FullCapacity(null, watched, e.getKey() + " reported slow_start with no later event"
                            + " and no slowStart.window in gateway-config.json");
                }
            } else if (reported != null) {
                endpointFull = Math.max(endpointFull, reported);
            }
            full = Math.max(full, endpointFull);
        }
        if (full > end) {
            return new FullCapacity(null, watched, "slow start had not finished by the end of the run");
        }
        return new FullCapacity((full - heal) / 1000.0, watched, null);
    }

    /** The start of the usable stretch that lasts from {@code heal} (or later) to the end; null if none does. */
    private static Long usableFrom(StepTimeline<Boolean> v, long heal, long end) {
        Long from = Boolean.TRUE.equals(v.at(heal)) ? heal : null;
        for (long t : v.changeTimes()) {
            if (t <= heal || t >= end) {
                continue;
            }
            if (!Boolean.TRUE.equals(v.at(t))) {
                from = null;
            } else if (from == null) {
                from = t;
            }
        }
        return from;
    }

    /** When the endpoint last turned usable at or before {@code t}; null when it was usable from the start. */
    private static Long lastChangeToUsable(StepTimeline<Boolean> v, long t) {
        Long last = null;
        boolean previous = Boolean.TRUE.equals(v.at(Long.MIN_VALUE));
        for (long c : v.changeTimes()) {
            if (c > t) {
                break;
            }
            boolean now = Boolean.TRUE.equals(v.at(c));
            if (now && !previous) {
                last = c;
            }
            previous = now;
        }
        return last;
    }

    /**
     * The end of a ramp the gateway reported after the heal: the first event without {@code slow_start} after the
     * last flagged one; {@link Long#MAX_VALUE} when the last event in the run is flagged; null when none is.
     */
    private static Long reportedRampEnd(List<ViewEvent> events, String endpoint, long heal, long end) {
        Long flaggedAt = null;
        Long clearedAt = null;
        for (ViewEvent e : events) {
            if (!endpoint.equals(e.endpoint()) || e.tUs() < heal || e.tUs() >= end) {
                continue;
            }
            if (e.usable() && e.flags().contains(SLOW_START)) {
                if (flaggedAt == null || clearedAt != null) {
                    flaggedAt = e.tUs();
                    clearedAt = null;
                }
            } else if (flaggedAt != null && clearedAt == null) {
                clearedAt = e.tUs();
            }
        }
        if (flaggedAt == null) {
            return null;
        }
        return clearedAt == null ? Long.MAX_VALUE : clearedAt;
    }

    /** {@code slowStart.window} of the cluster, in ms; null when there is no config, 0 when slow start is off. */
    static Double slowStartWindowMs(JsonNode config, String cluster) {
        if (config == null) {
            return null;
        }
        for (JsonNode c : config.path("clusters")) {
            if (c.path("name").asText("").equals(cluster)) {
                JsonNode slow = c.path("slowStart");
                if (slow.isMissingNode() || slow.path("enabled").asBoolean(true) == false) {
                    return 0.0;
                }
                Double window = Durations.parseMs(slow.path("window"));
                return window == null ? 0.0 : window;
            }
        }
        return null;
    }
}
