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
 * @param reason   why it changed ({@code active_hc_failed}, {@code active_hc_passed}, {@code snapshot}, {@code view_gap})
 * @param mechanism which mechanism moved the endpoint, as {@code DetectionModel.Mechanism} ids: {@code active_check},
 *                 {@code outlier_ejection}, {@code dns_removal}, {@code config}, {@code panic}, {@code unknown};
 *                 null in run directories written before the gateway said it (scored as unknown)
 * @param detail   what that mechanism saw ({@code refused}, {@code timeout}, {@code status 401},
 *                 {@code consecutive_gateway_failure=5}); null when the gateway says nothing more
 */
public record ViewEvent(long tUs, String cluster, String endpoint, String state, boolean usable,
                        List<String> flags, String reason, String mechanism, String detail) {

    /** The reason of a line saying the observer lost the gateway's view from {@code t_us} until the next snapshot. */
    public static final String GAP = "view_gap";

    public ViewEvent {
        flags = flags == null ? List.of() : List.copyOf(flags);
    }

    /** A line without mechanism and detail (a gateway that does not say, or a run written before they existed). */
    public ViewEvent(long tUs, String cluster, String endpoint, String state, boolean usable, List<String> flags,
                     String reason) {
        this(tUs, cluster, endpoint, state, usable, flags, reason, null, null);
    }

    /** Whether this line opens a gap in the view (endpoint {@code *}). */
    public boolean gap() {
        return GAP.equals(reason);
    }
}
