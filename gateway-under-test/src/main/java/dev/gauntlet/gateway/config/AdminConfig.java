package dev.gauntlet.gateway.config;

/**
 * The admin API listener. Loopback only by default: it can change health settings at run time. An
 * optional bearer token, when set, is required on every admin request ({@code Authorization: Bearer <token>}).
 * {@code allowNonLoopback} is the explicit opt-in to bind {@code host} to any address (e.g. {@code 0.0.0.0}
 * inside a container, where loopback cannot be reached from outside); without it a non-loopback host is
 * an error.
 *
 * <pre>{@code
 * new AdminConfig("127.0.0.1", 0, null)
 * new AdminConfig("0.0.0.0", 9901, "s3cret", true)
 * }</pre>
 */
public record AdminConfig(String host, int port, String token, boolean allowNonLoopback) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 0;
    public static final String DEFAULT_TOKEN = null;
    public static final boolean DEFAULT_ALLOW_NON_LOOPBACK = false;

    public AdminConfig {
        Check.nonBlank("host", host);
        if (!allowNonLoopback && !Check.isLoopback(host)) {
            throw new ConfigInvalidException("host", host, "a loopback address (127.0.0.1, ::1, localhost)");
        }
        Check.range("port", port, 0, 65535);
        if (token != null && token.isBlank()) {
            throw new ConfigInvalidException("token", "\"" + token + "\"", "a non-empty string or absent");
        }
    }

    /** Loopback only (the default). */
    public AdminConfig(String host, int port, String token) {
        this(host, port, token, DEFAULT_ALLOW_NON_LOOPBACK);
    }

    public static AdminConfig from(GatewaySpec.AdminSpec spec) {
        if (spec == null) {
            return new AdminConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_TOKEN, DEFAULT_ALLOW_NON_LOOPBACK);
        }
        return new AdminConfig(Check.or(spec.host(), DEFAULT_HOST), Check.or(spec.port(), DEFAULT_PORT), spec.token(),
                Check.or(spec.allowNonLoopback(), DEFAULT_ALLOW_NON_LOOPBACK));
    }
}
