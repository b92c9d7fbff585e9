package dev.gauntlet.gateway.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One cluster: its endpoints (static, or from a DNS name), how to balance over them, and the health,
 * outlier, retry, breaker and slow-start policies applied to them.
 *
 * <pre>{@code
 * ClusterConfig api = ClusterConfig.from(spec);   // spec from YAML, defaults filled in
 * api.healthCheck().unhealthyThreshold();         // 3
 * }</pre>
 */
public record ClusterConfig(String name, LbPolicy loadBalancing, List<EndpointConfig> endpoints,
                            DnsEndpointsConfig dnsEndpoints, HealthCheckConfig healthCheck, RetryConfig retry,
                            Duration upstreamTimeout, Duration connectTimeout, OutlierConfig outlierDetection,
                            int panicThreshold, BreakerConfig circuitBreakers, SlowStartConfig slowStart,
                            TlsConfig tls) {
    public static final LbPolicy DEFAULT_LOAD_BALANCING = LbPolicy.ROUND_ROBIN;
    public static final Duration DEFAULT_UPSTREAM_TIMEOUT = Duration.ofSeconds(15);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Percent of usable endpoints below which traffic is spread over all of them (0 = never). */
    public static final int DEFAULT_PANIC_THRESHOLD = 50;

    public ClusterConfig {
        Check.nonBlank("name", name);
        endpoints = List.copyOf(endpoints);
        if (endpoints.isEmpty() && dnsEndpoints == null) {
            throw new ConfigInvalidException("endpoints", "[]", "at least one endpoint, or dnsEndpoints");
        }
        if (!endpoints.isEmpty() && dnsEndpoints != null) {
            throw new ConfigInvalidException("dnsEndpoints", dnsEndpoints.hostname(), "absent when endpoints are listed");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < endpoints.size(); i++) {
            if (!names.add(endpoints.get(i).name())) {
                throw new ConfigInvalidException("endpoints[" + i + "].name", endpoints.get(i).name(), "unique in the cluster");
            }
        }
        Check.positive("upstreamTimeout", upstreamTimeout);
        Check.positive("connectTimeout", connectTimeout);
        Check.range("panicThreshold", panicThreshold, 0, 100);
    }

    public static ClusterConfig from(GatewaySpec.ClusterSpec s) {
        List<EndpointConfig> eps = new ArrayList<>();
        if (s.endpoints() != null) {
            for (int i = 0; i < s.endpoints().size(); i++) {
                GatewaySpec.EndpointSpec e = s.endpoints().get(i);
                eps.add(ConfigInvalidException.at("endpoints[" + i + "]", () -> EndpointConfig.from(e)));
            }
        }
        return new ClusterConfig(s.name(),
                s.loadBalancing() == null ? DEFAULT_LOAD_BALANCING : LbPolicy.parse(s.loadBalancing(), "loadBalancing"),
                eps,
                ConfigInvalidException.at("dnsEndpoints", () -> DnsEndpointsConfig.from(s.dnsEndpoints())),
                ConfigInvalidException.at("healthCheck", () -> HealthCheckConfig.from(s.healthCheck())),
                ConfigInvalidException.at("retry", () -> RetryConfig.from(s.retry())),
                Check.duration(s.upstreamTimeout(), "upstreamTimeout", DEFAULT_UPSTREAM_TIMEOUT),
                Check.duration(s.connectTimeout(), "connectTimeout", DEFAULT_CONNECT_TIMEOUT),
                ConfigInvalidException.at("outlierDetection", () -> OutlierConfig.from(s.outlierDetection())),
                Check.or(s.panicThreshold(), DEFAULT_PANIC_THRESHOLD),
                ConfigInvalidException.at("circuitBreakers", () -> BreakerConfig.from(s.circuitBreakers())),
                ConfigInvalidException.at("slowStart", () -> SlowStartConfig.from(s.slowStart())),
                ConfigInvalidException.at("tls", () -> TlsConfig.from(s.tls())));
    }
}
