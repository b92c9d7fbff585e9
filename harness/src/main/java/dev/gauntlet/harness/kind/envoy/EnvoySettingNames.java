package dev.gauntlet.harness.kind.envoy;

import dev.gauntlet.harness.kind.SettingNames;
import java.util.Map;

/**
 * Our neutral settings as {@link EnvoyBootstrap} writes them into Envoy's bootstrap, as field paths of the cluster
 * (or of the route, for the route's own settings), so a diagnosis names the field the user edits.
 *
 * <pre>{@code
 * new EnvoySettingNames().name("outlierDetection.maxEjectionPercent");   // "outlier_detection.max_ejection_percent"
 * }</pre>
 */
final class EnvoySettingNames implements SettingNames {

    private static final String HC = "health_checks[0].";
    private static final String CB = "circuit_breakers.thresholds[0].";
    private static final String OD = "outlier_detection.";

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("healthCheck.enabled", "health_checks"),
            Map.entry("healthCheck.type", HC + "http_health_check / tcp_health_check"),
            Map.entry("healthCheck.path", HC + "http_health_check.path"),
            Map.entry("healthCheck.host", HC + "http_health_check.host"),
            Map.entry("healthCheck.interval", HC + "interval"),
            Map.entry("healthCheck.unhealthyInterval", HC + "unhealthy_interval"),
            Map.entry("healthCheck.jitter", HC + "interval_jitter"),
            Map.entry("healthCheck.timeout", HC + "timeout"),
            Map.entry("healthCheck.unhealthyThreshold", HC + "unhealthy_threshold"),
            Map.entry("healthCheck.healthyThreshold", HC + "healthy_threshold"),
            Map.entry("healthCheck.expectedStatuses", HC + "http_health_check.expected_statuses"),
            Map.entry("healthCheck.expectedBody", HC + "http_health_check.receive"),
            Map.entry("outlierDetection.enabled", "outlier_detection"),
            Map.entry("outlierDetection.consecutive5xx", OD + "consecutive_5xx"),
            Map.entry("outlierDetection.consecutiveGatewayFailure", OD + "consecutive_gateway_failure"),
            Map.entry("outlierDetection.baseEjectionTime", OD + "base_ejection_time"),
            Map.entry("outlierDetection.maxEjectionTime", OD + "max_ejection_time"),
            Map.entry("outlierDetection.ejectionJitter", OD + "max_ejection_time_jitter"),
            Map.entry("outlierDetection.maxEjectionPercent", OD + "max_ejection_percent"),
            Map.entry("panicThreshold", "common_lb_config.healthy_panic_threshold"),
            Map.entry("circuitBreakers.maxConnections", CB + "max_connections"),
            Map.entry("circuitBreakers.maxPendingRequests", CB + "max_pending_requests"),
            Map.entry("circuitBreakers.maxRequests", CB + "max_requests"),
            Map.entry("circuitBreakers.maxRetries", CB + "max_retries"),
            Map.entry("retry.budgetPercent", CB + "retry_budget.budget_percent"),
            Map.entry("retry.budgetMinConcurrency", CB + "retry_budget.min_retry_concurrency"),
            Map.entry("retry.maxRetries", "route.retry_policy.num_retries"),
            Map.entry("retry.retryOn", "route.retry_policy.retry_on"),
            Map.entry("retry.perTryTimeout", "route.retry_policy.per_try_timeout"),
            Map.entry("retry.backoffBase", "route.retry_policy.retry_back_off.base_interval"),
            Map.entry("retry.backoffMax", "route.retry_policy.retry_back_off.max_interval"),
            Map.entry("upstreamTimeout", "route.timeout"),
            Map.entry("connectTimeout", "connect_timeout"),
            Map.entry("slowStart.window", "round_robin_lb_config.slow_start_config.slow_start_window"),
            Map.entry("loadBalancing", "lb_policy"),
            Map.entry("endpoints[].address", "load_assignment.endpoints[0].lb_endpoints[].endpoint.address"),
            Map.entry("endpoints[].weight", "load_assignment.endpoints[0].lb_endpoints[].load_balancing_weight"),
            Map.entry("routes[].cluster", "virtual_hosts[].routes[].route.cluster"),
            Map.entry("tls.enabled", "transport_socket"),
            Map.entry("tls.verify", "transport_socket ... validation_context.trusted_ca"),
            Map.entry("tls.sni", "transport_socket ... sni"));

    @Override
    public String name(String neutralPath) {
        return NAMES.getOrDefault(neutralPath.replaceAll("\\[\\d+]", "[]"), neutralPath);
    }
}
