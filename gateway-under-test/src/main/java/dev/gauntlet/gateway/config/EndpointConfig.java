package dev.gauntlet.gateway.config;

/**
 * One static endpoint: a name (what the admin API and events show), {@code host:port}, and a weight
 * (0 = never selected).
 *
 * <pre>{@code new EndpointConfig("api-0", "127.0.0.1:21001", 1)}</pre>
 */
public record EndpointConfig(String name, String address, int weight) {
    public static final int DEFAULT_WEIGHT = 1;
    public static final int MAX_WEIGHT = 10_000;
    private static final String ADDRESS_RULE = "host:port with port 1-65535";

    public EndpointConfig {
        Check.nonBlank("name", name);
        Check.nonBlank("address", address);
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new ConfigInvalidException("address", address, ADDRESS_RULE);
        }
        try {
            int port = Integer.parseInt(address.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new ConfigInvalidException("address", address, ADDRESS_RULE);
            }
        } catch (NumberFormatException e) {
            throw new ConfigInvalidException("address", address, ADDRESS_RULE);
        }
        Check.range("weight", weight, 0, MAX_WEIGHT);
    }

    public static EndpointConfig from(GatewaySpec.EndpointSpec spec) {
        String name = spec.name() != null ? spec.name() : spec.address();
        return new EndpointConfig(name, spec.address(), Check.or(spec.weight(), DEFAULT_WEIGHT));
    }

    public String host() {
        String h = address.substring(0, address.lastIndexOf(':'));
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    public int port() {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }
}
