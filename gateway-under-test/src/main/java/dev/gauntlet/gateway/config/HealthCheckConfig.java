package dev.gauntlet.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Active health checking of every endpoint of a cluster. Scheduling (the scoring's bounds rely on it):
 * first check after U[0, jitter]; each next check {@code interval} ({@code unhealthyInterval} while the
 * endpoint is unhealthy) + U[0, jitter] after the previous check ended.
 *
 * <pre>{@code
 * HealthCheckConfig hc = HealthCheckConfig.from(null);   // every default
 * hc.interval();                                          // PT1S
 * }</pre>
 */
public record HealthCheckConfig(boolean enabled, Type type, String path, String host, Duration interval,
                                Duration unhealthyInterval, Duration jitter, Duration timeout,
                                int unhealthyThreshold, int healthyThreshold, List<Integer> expectedStatuses,
                                String expectedBody, String immediateFailHeader) {
    public static final boolean DEFAULT_ENABLED = true;
    public static final Type DEFAULT_TYPE = Type.HTTP;
    public static final String DEFAULT_PATH = "/health";
    /** Null = the endpoint's own host:port, as a plain HTTP client would send. */
    public static final String DEFAULT_HOST = null;
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    /** Null in YAML = same as {@code interval} (Envoy's rule). */
    public static final Duration DEFAULT_UNHEALTHY_INTERVAL = null;
    public static final Duration DEFAULT_JITTER = Duration.ZERO;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(500);
    public static final int DEFAULT_UNHEALTHY_THRESHOLD = 3;
    public static final int DEFAULT_HEALTHY_THRESHOLD = 2;
    public static final List<Integer> DEFAULT_EXPECTED_STATUSES = List.of(200);
    public static final String DEFAULT_EXPECTED_BODY = null;
    /** Envoy's x-envoy-immediate-health-check-fail, renamed: present on a check answer = fail at once. */
    public static final String DEFAULT_IMMEDIATE_FAIL_HEADER = "x-gauntlet-immediate-health-check-fail";

    /** Check protocol. */
    public enum Type {
        HTTP, TCP;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public HealthCheckConfig {
        if (!path.startsWith("/")) {
            throw new ConfigInvalidException("path", path, "a path starting with /");
        }
        Check.positive("interval", interval);
        Check.positive("unhealthyInterval", unhealthyInterval);
        Check.nonNegative("jitter", jitter);
        Check.positive("timeout", timeout);
        Check.range("unhealthyThreshold", unhealthyThreshold, 1, 1000);
        Check.range("healthyThreshold", healthyThreshold, 1, 1000);
        if (expectedStatuses == null || expectedStatuses.isEmpty()) {
            throw new ConfigInvalidException("expectedStatuses", expectedStatuses, "a non-empty list of 100-599");
        }
        for (int i = 0; i < expectedStatuses.size(); i++) {
            Integer s = expectedStatuses.get(i);
            if (s == null || s < 100 || s > 599) {
                throw new ConfigInvalidException("expectedStatuses[" + i + "]", s, "100-599");
            }
        }
        expectedStatuses = List.copyOf(expectedStatuses);
        if (immediateFailHeader != null && immediateFailHeader.isBlank()) {
            immediateFailHeader = null;
        }
    }

    public static HealthCheckConfig from(GatewaySpec.HealthCheckSpec s) {
        if (s == null) {
            s = new GatewaySpec.HealthCheckSpec(null, null, null, null, null, null, null, null, null, null, null,
                    null, null);
        }
        Duration interval = Check.duration(s.interval(), "interval", DEFAULT_INTERVAL);
        return new HealthCheckConfig(
                Check.or(s.enabled(), DEFAULT_ENABLED),
                parseType(s.type()),
                Check.or(s.path(), DEFAULT_PATH),
                Check.or(s.host(), DEFAULT_HOST),
                interval,
                Check.duration(s.unhealthyInterval(), "unhealthyInterval", interval),
                Check.duration(s.jitter(), "jitter", DEFAULT_JITTER),
                Check.duration(s.timeout(), "timeout", DEFAULT_TIMEOUT),
                Check.or(s.unhealthyThreshold(), DEFAULT_UNHEALTHY_THRESHOLD),
                Check.or(s.healthyThreshold(), DEFAULT_HEALTHY_THRESHOLD),
                Check.or(s.expectedStatuses(), DEFAULT_EXPECTED_STATUSES),
                Check.or(s.expectedBody(), DEFAULT_EXPECTED_BODY),
                Check.or(s.immediateFailHeader(), DEFAULT_IMMEDIATE_FAIL_HEADER));
    }

    private static Type parseType(String text) {
        if (text == null) {
            return DEFAULT_TYPE;
        }
        return switch (text) {
            case "http" -> Type.HTTP;
            case "tcp" -> Type.TCP;
            default -> throw new ConfigInvalidException("type", text, "http | tcp");
        };
    }
}
