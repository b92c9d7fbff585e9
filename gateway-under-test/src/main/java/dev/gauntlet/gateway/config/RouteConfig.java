package dev.gauntlet.gateway.config;

import java.util.Locale;

/**
 * One route: requests whose Host matches {@code host} ({@code *} = any, {@code *.example.com} = suffix,
 * otherwise exact, case-insensitive, port ignored) and whose path starts with {@code pathPrefix} go to
 * {@code cluster}. Routes are tried in order; the first match wins.
 *
 * <pre>{@code new RouteConfig("*", "/", "api")}</pre>
 */
public record RouteConfig(String host, String pathPrefix, String cluster) {
    public static final String DEFAULT_HOST = "*";
    public static final String DEFAULT_PATH_PREFIX = "/";

    public RouteConfig {
        host = Check.nonBlank("host", host).toLowerCase(Locale.ROOT);
        Check.nonBlank("pathPrefix", pathPrefix);
        if (!pathPrefix.startsWith("/")) {
            throw new ConfigInvalidException("pathPrefix", pathPrefix, "a path starting with /");
        }
        Check.nonBlank("cluster", cluster);
    }

    public static RouteConfig from(GatewaySpec.RouteSpec spec) {
        return new RouteConfig(Check.or(spec.host(), DEFAULT_HOST), Check.or(spec.pathPrefix(), DEFAULT_PATH_PREFIX),
                spec.cluster());
    }

    /** True if a request with this (lower-case, port-less) host and path belongs to this route. */
    public boolean matches(String requestHost, String path) {
        if (!path.startsWith(pathPrefix)) {
            return false;
        }
        if (host.equals("*")) {
            return true;
        }
        if (host.startsWith("*.")) {
            return requestHost.endsWith(host.substring(1));
        }
        return host.equals(requestHost);
    }
}
