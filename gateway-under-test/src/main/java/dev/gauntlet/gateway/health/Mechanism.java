package dev.gauntlet.gateway.health;

import java.util.Locale;

/**
 * Which of the gateway's mechanisms moved an endpoint: the active checker, passive outlier detection, the DNS
 * refresher or the configuration. Printed as the {@code mechanism} of a transition event, so the harness judges
 * a detection against the bound of the mechanism that actually fired rather than of all of them.
 *
 * <pre>{@code TransitionReason.OUTLIER_EJECTED.mechanism().id()   // "outlier_ejection"}</pre>
 *
 * The ids are the harness's {@code DetectionModel.Mechanism} words; {@link #DNS_REMOVAL} names the DNS mechanism
 * both when an answer drops an endpoint and when it brings one back. {@code panic} never moves an endpoint here:
 * our panic routing changes where requests go, not any endpoint's state.
 */
public enum Mechanism {
    ACTIVE_CHECK, OUTLIER_EJECTION, DNS_REMOVAL, CONFIG;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
