package dev.gauntlet.report.run;

import java.util.List;

/**
 * One line of {@code view.jsonl}: the gateway changed its mind about an endpoint.
 *
 * <p>The first lines of a run are a snapshot ({@code reason = "snapshot"}) of every endpoint as the
 * observer connected; later lines are transitions, timestamped by the gateway where they happened.
 *
 * @param tUs      epoch microseconds of the transition, from the gateway
 * @param cluster  cluster name
 * @param endpoint endpoint id ({@code api-0})
 * @param state    the gateway's state name: healthy | unhealthy | ejected | ...
 * @param usable   whether the gateway would send traffic to it now
 * @param flags    the gateway's flags, e.g. {@code failed_active_hc}
 * @param reason   why it changed ({@code active_hc_failed}, {@code active_hc_passed}, {@code snapshot})
 */
public record ViewEvent(long tUs, String cluster, String endpoint, String state, boolean usable,
                        List<String> flags, String reason) {
    public ViewEvent {
        flags = flags == null ? List.of() : List.copyOf(flags);
    }
}
