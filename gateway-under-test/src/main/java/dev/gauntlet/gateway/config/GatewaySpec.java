package dev.gauntlet.gateway.config;

import java.util.List;

/**
 * The gateway YAML exactly as written: every field nullable (absent = default), durations as strings.
 * Nothing here is validated; {@link GatewayConfig#from(GatewaySpec)} turns it into checked records.
 *
 * <pre>{@code
 * GatewaySpec spec = ConfigLoader.yamlMapper().readValue(file, GatewaySpec.class);
 * GatewayConfig config = GatewayConfig.from(spec);
 * }</pre>
 */
public record GatewaySpec(ListenSpec listen, AdminSpec admin, AccessLogSpec accessLog, DnsSpec dns,
                          Long maxRequestBodyBytes, List<RouteSpec> routes, List<ClusterSpec> clusters) {

    /** {@code listen: { host, port }}. */
    public record ListenSpec(String host, Integer port) {
    }

    /** {@code admin: { host, port, token, allowNonLoopback }}. */
    public record AdminSpec(String host, Integer port, String token, Boolean allowNonLoopback) {
    }

    /** {@code accessLog: { enabled }}. */
    public record AccessLogSpec(Boolean enabled) {
    }

    /** {@code dns: { server, ttlFloor, ttlMax, errorRetry, timeout }}. */
    public record DnsSpec(String server, String ttlFloor, String ttlMax, String errorRetry, String timeout) {
    }

    /** {@code routes[]: { host, pathPrefix, cluster }}. */
    public record RouteSpec(String host, String pathPrefix, String cluster) {
    }

    /** {@code clusters[]}. */
    public record ClusterSpec(String name, String loadBalancing, List<EndpointSpec> endpoints,
                              DnsEndpointsSpec dnsEndpoints, HealthCheckSpec healthCheck, RetrySpec retry,
                              String upstreamTimeout, String connectTimeout, OutlierSpec outlierDetection,
                              Integer panicThreshold, BreakerSpec circuitBreakers, SlowStartSpec slowStart,
                              TlsSpec tls) {
    }

    /** {@code endpoints[]: { name, address, weight }}. */
    public record EndpointSpec(String name, String address, Integer weight) {
    }

    /** {@code dnsEndpoints: { hostname, port, weight }}: endpoints from a DNS name. */
    public record DnsEndpointsSpec(String hostname, Integer port, Integer weight) {
    }

    /** {@code healthCheck: {...}}. */
    public record HealthCheckSpec(Boolean enabled, String type, String path, String host, String interval,
                                  String unhealthyInterval, String jitter, String timeout,
                                  Integer unhealthyThreshold, Integer healthyThreshold,
                                  List<Integer> expectedStatuses, String expectedBody,
                                  String immediateFailHeader) {
    }

    /** {@code retry: {...}}. */
    public record RetrySpec(Integer maxRetries, List<String> retryOn, String perTryTimeout, String backoffBase,
                            String backoffMax, Double budgetPercent, Integer budgetMinConcurrency) {
    }

    /** {@code outlierDetection: {...}}. */
    public record OutlierSpec(Boolean enabled, Integer consecutive5xx, Integer consecutiveGatewayFailure,
                              String baseEjectionTime, String maxEjectionTime, String ejectionJitter,
                              Integer maxEjectionPercent) {
    }

    /** {@code circuitBreakers: {...}}. */
    public record BreakerSpec(Integer maxConnections, Integer maxPendingRequests, Integer maxRequests,
                              Integer maxRetries) {
    }

    /** {@code slowStart: { window, minWeightPercent }}. */
    public record SlowStartSpec(String window, Integer minWeightPercent) {
    }

    /** {@code tls: { enabled, sni, verify }}. */
    public record TlsSpec(Boolean enabled, String sni, Boolean verify) {
    }
}
