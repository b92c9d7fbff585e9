package dev.gauntlet.gateway.config;

/**
 * TLS towards the endpoints of a cluster (data path and HTTP health checks). {@code verify: false}
 * trusts any certificate, for self-signed test backends.
 *
 * <pre>{@code new TlsConfig(true, "api.test", false)}</pre>
 */
public record TlsConfig(boolean enabled, String sni, boolean verify) {
    public static final boolean DEFAULT_ENABLED = false;
    public static final String DEFAULT_SNI = null;
    public static final boolean DEFAULT_VERIFY = true;

    public static TlsConfig from(GatewaySpec.TlsSpec s) {
        if (s == null) {
            return new TlsConfig(DEFAULT_ENABLED, DEFAULT_SNI, DEFAULT_VERIFY);
        }
        return new TlsConfig(Check.or(s.enabled(), DEFAULT_ENABLED), Check.or(s.sni(), DEFAULT_SNI),
                Check.or(s.verify(), DEFAULT_VERIFY));
    }
}
