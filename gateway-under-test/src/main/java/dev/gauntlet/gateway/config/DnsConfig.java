package dev.gauntlet.gateway.config;

import java.time.Duration;

/**
 * The resolver for {@code dnsEndpoints} clusters. {@code server} null = the system resolver settings.
 * A name is re-resolved after its record TTL clamped to [ttlFloor, ttlMax]; on error the last answer is
 * kept (stale-on-error) and the query retried after {@code errorRetry}.
 *
 * <pre>{@code new DnsConfig("127.0.0.1:5353", ofSeconds(1), ofSeconds(300), ofSeconds(1), ofSeconds(1))}</pre>
 */
public record DnsConfig(String server, Duration ttlFloor, Duration ttlMax, Duration errorRetry, Duration timeout) {
    public static final String DEFAULT_SERVER = null;
    public static final Duration DEFAULT_TTL_FLOOR = Duration.ofSeconds(1);
    public static final Duration DEFAULT_TTL_MAX = Duration.ofSeconds(300);
    public static final Duration DEFAULT_ERROR_RETRY = Duration.ofSeconds(1);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

    public DnsConfig {
        Check.positive("ttlFloor", ttlFloor);
        Check.positive("ttlMax", ttlMax);
        if (ttlMax.compareTo(ttlFloor) < 0) {
            throw new ConfigInvalidException("ttlMax", Durations.format(ttlMax),
                    ">= ttlFloor (" + Durations.format(ttlFloor) + ")");
        }
        Check.positive("errorRetry", errorRetry);
        Check.positive("timeout", timeout);
        if (server != null && server.isBlank()) {
            throw new ConfigInvalidException("server", "\"\"", "host[:port] or absent");
        }
    }

    public static DnsConfig from(GatewaySpec.DnsSpec s) {
        if (s == null) {
            s = new GatewaySpec.DnsSpec(null, null, null, null, null);
        }
        return new DnsConfig(Check.or(s.server(), DEFAULT_SERVER),
                Check.duration(s.ttlFloor(), "ttlFloor", DEFAULT_TTL_FLOOR),
                Check.duration(s.ttlMax(), "ttlMax", DEFAULT_TTL_MAX),
                Check.duration(s.errorRetry(), "errorRetry", DEFAULT_ERROR_RETRY),
                Check.duration(s.timeout(), "timeout", DEFAULT_TIMEOUT));
    }
}
