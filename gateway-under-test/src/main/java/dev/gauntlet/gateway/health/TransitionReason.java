package dev.gauntlet.gateway.health;

import java.util.Locale;

/**
 * Why a transition happened; printed as the {@code reason} of a transition event.
 *
 * <pre>{@code TransitionReason.ACTIVE_HC_FAILED.id()          // "active_hc_failed"
 * TransitionReason.ACTIVE_HC_FAILED.mechanism()   // ACTIVE_CHECK}</pre>
 */
public enum TransitionReason {
    ACTIVE_HC_FAILED, ACTIVE_HC_IMMEDIATE_FAIL, ACTIVE_HC_PASSED, ACTIVE_HC_DISABLED, OUTLIER_EJECTED, EJECTION_EXPIRED,
    DNS_ADDED, DNS_REMOVED, CONFIG_ADDED, CONFIG_REMOVED;

    /** The mechanism that made this transition. */
    public Mechanism mechanism() {
        return switch (this) {
            case ACTIVE_HC_FAILED, ACTIVE_HC_IMMEDIATE_FAIL, ACTIVE_HC_PASSED -> Mechanism.ACTIVE_CHECK;
            case OUTLIER_EJECTED, EJECTION_EXPIRED -> Mechanism.OUTLIER_EJECTION;
            case DNS_ADDED, DNS_REMOVED -> Mechanism.DNS_REMOVAL;
            // checks switched off at run time release the endpoint: a configuration change did that
            case ACTIVE_HC_DISABLED, CONFIG_ADDED, CONFIG_REMOVED -> Mechanism.CONFIG;
        };
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
