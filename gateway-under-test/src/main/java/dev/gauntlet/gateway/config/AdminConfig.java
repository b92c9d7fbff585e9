package dev.gauntlet.gateway.config;

/**
 * The admin API listener. Loopback only: it can change health settings at run time. An optional
 * bearer token, when set, is required on every admin request ({@code Authorization: Bearer <token>}).
 *
 * <pre>{@code new AdminConfig("127.0.0.1", 0, null)}</pre>
 */
public record AdminConfig(String host, int port, String token) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 0;
    public static final String DEFAULT_TOKEN = null;

    public AdminConfig {
        Check.nonBlank("host", host);
        if (!Check.isLoopback(host)) {
            throw new ConfigInvalidException("host", host, "a loopback address (127.0.0.1, ::1, localhost)");
        }
        Check.range("port", port, 0, 65535);
        if (token != null && token.isBlank()) {
            throw new ConfigInvalidException("token", "\"" + token + "\"", "a non-empty string or absent");
        }
    }

    public static AdminConfig from(GatewaySpec.AdminSpec spec) {
        if (spec == null) {
            return new AdminConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_TOKEN);
        }
        return new AdminConfig(Check.or(spec.host(), DEFAULT_HOST), Check.or(spec.port(), DEFAULT_PORT), spec.token());
    }
}
