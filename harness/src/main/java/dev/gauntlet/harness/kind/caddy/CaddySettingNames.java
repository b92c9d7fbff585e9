package dev.gauntlet.harness.kind.caddy;

import dev.gauntlet.harness.kind.SettingNames;
import java.util.Map;

/**
 * Our neutral settings as {@link CaddyTranslation} maps them onto {@code reverse_proxy}, in the Caddyfile's
 * subdirective names (the JSON config {@link CaddyConfRenderer} writes holds the same fields under
 * {@code health_checks.active} / {@code passive}). Caddy has no panic threshold and no breaker: those stay neutral.
 *
 * <pre>{@code
 * new CaddySettingNames().name("healthCheck.timeout");   // "health_timeout"
 * }</pre>
 */
final class CaddySettingNames implements SettingNames {

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("healthCheck.enabled", "health_uri"),
            Map.entry("healthCheck.path", "health_uri"),
            Map.entry("healthCheck.host", "health_headers Host"),
            Map.entry("healthCheck.interval", "health_interval"),
            Map.entry("healthCheck.timeout", "health_timeout"),
            Map.entry("healthCheck.unhealthyThreshold", "health_fails"),
            Map.entry("healthCheck.healthyThreshold", "health_passes"),
            Map.entry("healthCheck.expectedStatuses", "health_status"),
            Map.entry("healthCheck.expectedBody", "health_body"),
            Map.entry("outlierDetection.enabled", "fail_duration"),
            Map.entry("outlierDetection.consecutive5xx", "max_fails (with unhealthy_status 5xx)"),
            Map.entry("outlierDetection.consecutiveGatewayFailure", "max_fails"),
            // a failure is remembered for fail_duration: the passive "ejection" lasts that long
            Map.entry("outlierDetection.baseEjectionTime", "fail_duration"),
            Map.entry("outlierDetection.maxEjectionTime", "fail_duration"),
            Map.entry("retry.maxRetries", "lb_retries"),
            Map.entry("retry.perTryTimeout", "transport http response_header_timeout"),
            Map.entry("upstreamTimeout", "transport http response_header_timeout"),
            Map.entry("connectTimeout", "transport http dial_timeout"),
            Map.entry("loadBalancing", "lb_policy"),
            Map.entry("endpoints[].address", "to"),
            Map.entry("endpoints[].weight", "lb_policy weighted_round_robin"),
            Map.entry("routes[].cluster", "handle ... reverse_proxy"));

    @Override
    public String name(String neutralPath) {
        return NAMES.getOrDefault(neutralPath.replaceAll("\\[\\d+]", "[]"), neutralPath);
    }
}
