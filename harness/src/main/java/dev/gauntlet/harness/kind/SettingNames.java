package dev.gauntlet.harness.kind;

/**
 * A neutral setting path (our gateway's config: {@code healthCheck.timeout}, {@code outlierDetection.maxEjectionPercent},
 * {@code endpoints[].weight}, ...) in a gateway kind's own words, so a diagnosis says the change in the file the
 * user edits: HAProxy {@code timeout check}, nginx {@code max_fails}, Envoy {@code health_checks[0].timeout},
 * Caddy {@code health_timeout}.
 *
 * <pre>{@code
 * String s = GatewayKinds.byName("haproxy").settingNames().name("healthCheck.interval");   // "check inter"
 * }</pre>
 */
@FunctionalInterface
public interface SettingNames {

    /** Our own format: the neutral path itself (the builtin kind, and any kind until it says otherwise). */
    SettingNames NEUTRAL = path -> path;

    /**
     * The kind's name for {@code neutralPath} (backquoted in prose by the caller), or the neutral path when the kind
     * has no such setting; never null.
     */
    String name(String neutralPath);
}
