package dev.gauntlet.gateway.config;

/**
 * Where the proxy listens. Port 0 = ephemeral (the bound port is printed in the ready line).
 *
 * <pre>{@code new ListenConfig("127.0.0.1", 0)}</pre>
 */
public record ListenConfig(String host, int port) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 0;

    public ListenConfig {
        Check.nonBlank("host", host);
        Check.range("port", port, 0, 65535);
    }

    public static ListenConfig from(GatewaySpec.ListenSpec spec) {
        if (spec == null) {
            return new ListenConfig(DEFAULT_HOST, DEFAULT_PORT);
        }
        return new ListenConfig(Check.or(spec.host(), DEFAULT_HOST), Check.or(spec.port(), DEFAULT_PORT));
    }
}
