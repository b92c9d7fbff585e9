package dev.gauntlet.harness.kind.nginx;

import dev.gauntlet.harness.kind.SettingNames;
import java.util.Map;

/**
 * Our neutral settings as {@link NginxTranslation} writes them into {@code nginx.conf}. nginx open source has no
 * active health check, no panic threshold and no breaker: those stay neutral paths (a diagnosis says the kind has
 * no such setting).
 *
 * <pre>{@code
 * new NginxSettingNames().name("outlierDetection.consecutiveGatewayFailure");   // "server ... max_fails"
 * }</pre>
 */
final class NginxSettingNames implements SettingNames {

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("outlierDetection.enabled", "server ... max_fails"),
            Map.entry("outlierDetection.consecutive5xx", "server ... max_fails"),
            Map.entry("outlierDetection.consecutiveGatewayFailure", "server ... max_fails"),
            // fail_timeout is both the window the failures must fall in and how long the server stays disabled
            Map.entry("outlierDetection.baseEjectionTime", "server ... fail_timeout"),
            Map.entry("outlierDetection.maxEjectionTime", "server ... fail_timeout"),
            Map.entry("retry.retryOn", "proxy_next_upstream"),
            Map.entry("retry.maxRetries", "proxy_next_upstream_tries"),
            Map.entry("connectTimeout", "proxy_connect_timeout"),
            Map.entry("upstreamTimeout", "proxy_read_timeout"),
            Map.entry("loadBalancing", "least_conn / random"),
            Map.entry("endpoints[].address", "server <address>"),
            Map.entry("endpoints[].weight", "server ... weight (0: down)"),
            Map.entry("routes[].cluster", "location ... proxy_pass"),
            Map.entry("maxRequestBodyBytes", "client_max_body_size"));

    @Override
    public String name(String neutralPath) {
        return NAMES.getOrDefault(neutralPath.replaceAll("\\[\\d+]", "[]"), neutralPath);
    }
}
