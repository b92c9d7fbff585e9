package dev.gauntlet.gateway.health;

import java.util.Locale;

/**
 * Why a transition happened; printed as the {@code reason} of a transition event.
 *
 * <pre>{@code TransitionReason.ACTIVE_HC_FAILED.id()   // "active_hc_failed"}</pre>
 */
public enum TransitionReason {
    ACTIVE_HC_FAILED, ACTIVE_HC_IMMEDIATE_FAIL, ACTIVE_HC_PASSED, ACTIVE_HC_DISABLED, OUTLIER_EJECTED, EJECTION_EXPIRED,
    DNS_ADDED, DNS_REMOVED, CONFIG_ADDED, CONFIG_REMOVED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
