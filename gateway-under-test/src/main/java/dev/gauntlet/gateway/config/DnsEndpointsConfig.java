package dev.gauntlet.gateway.config;

/**
 * Endpoints of a cluster taken from the A records of a DNS name; each address becomes an endpoint named
 * {@code ip:port}. The name may not resolve yet at start: the cluster is then empty (NHU) until it does.
 *
 * <pre>{@code new DnsEndpointsConfig("api.test", 8080, 1)}</pre>
 */
public record DnsEndpointsConfig(String hostname, int port, int weight) {
    public static final int DEFAULT_WEIGHT = 1;

    public DnsEndpointsConfig {
        Check.nonBlank("hostname", hostname);
        Check.range("port", port, 1, 65535);
        Check.range("weight", weight, 0, EndpointConfig.MAX_WEIGHT);
    }

    public static DnsEndpointsConfig from(GatewaySpec.DnsEndpointsSpec s) {
        if (s == null) {
            return null;
        }
        if (s.port() == null) {
            throw new ConfigInvalidException("port", null, "1-65535");
        }
        return new DnsEndpointsConfig(s.hostname(), s.port(), Check.or(s.weight(), DEFAULT_WEIGHT));
    }
}
