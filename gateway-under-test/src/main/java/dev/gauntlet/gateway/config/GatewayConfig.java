package dev.gauntlet.gateway.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The whole validated gateway configuration. Build it with {@link ConfigLoader}; every field has a
 * default except the clusters' endpoints.
 *
 * <pre>{@code
 * GatewayConfig config = ConfigLoader.load(Path.of("gateway.yaml"));
 * config.cluster("api").orElseThrow().retry().maxRetries();
 * }</pre>
 */
public record GatewayConfig(ListenConfig listen, AdminConfig admin, AccessLogConfig accessLog, DnsConfig dns,
                            long maxRequestBodyBytes, List<RouteConfig> routes, List<ClusterConfig> clusters) {
    /** Request bodies are buffered (so a retry can resend them); larger ones get 413. */
    public static final long DEFAULT_MAX_REQUEST_BODY_BYTES = 8L * 1024 * 1024;
    public static final long MAX_REQUEST_BODY_LIMIT = 64L * 1024 * 1024;

    public GatewayConfig {
        if (maxRequestBodyBytes < 1 || maxRequestBodyBytes > MAX_REQUEST_BODY_LIMIT) {
            // Bodies are held in the heap (-Xmx128m); Undertow also reads 0 as "unlimited".
            throw new ConfigInvalidException("maxRequestBodyBytes", maxRequestBodyBytes, "1-" + MAX_REQUEST_BODY_LIMIT);
        }
        routes = List.copyOf(routes);
        clusters = List.copyOf(clusters);
        if (clusters.isEmpty()) {
            throw new ConfigInvalidException("clusters", "[]", "at least one cluster");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < clusters.size(); i++) {
            if (!names.add(clusters.get(i).name())) {
                throw new ConfigInvalidException("clusters[" + i + "].name", clusters.get(i).name(), "unique");
            }
        }
        for (int i = 0; i < routes.size(); i++) {
            if (!names.contains(routes.get(i).cluster())) {
                throw new ConfigInvalidException("routes[" + i + "].cluster", routes.get(i).cluster(),
                        "one of the cluster names " + names);
            }
        }
    }

    public static GatewayConfig from(GatewaySpec s) {
        List<ClusterConfig> clusters = new ArrayList<>();
        if (s.clusters() != null) {
            for (int i = 0; i < s.clusters().size(); i++) {
                GatewaySpec.ClusterSpec c = s.clusters().get(i);
                if (c == null) {
                    throw new ConfigInvalidException("clusters[" + i + "]", null, "a cluster");
                }
                clusters.add(ConfigInvalidException.at("clusters[" + i + "]", () -> ClusterConfig.from(c)));
            }
        }
        List<RouteConfig> routes = new ArrayList<>();
        if (s.routes() == null) {
            // One cluster and no routes: everything goes to it, the obvious intent of a minimal config.
            if (clusters.size() == 1) {
                routes.add(new RouteConfig(RouteConfig.DEFAULT_HOST, RouteConfig.DEFAULT_PATH_PREFIX,
                        clusters.get(0).name()));
            }
        } else {
            for (int i = 0; i < s.routes().size(); i++) {
                GatewaySpec.RouteSpec r = s.routes().get(i);
                routes.add(ConfigInvalidException.at("routes[" + i + "]", () -> RouteConfig.from(r)));
            }
        }
        return new GatewayConfig(
                ConfigInvalidException.at("listen", () -> ListenConfig.from(s.listen())),
                ConfigInvalidException.at("admin", () -> AdminConfig.from(s.admin())),
                AccessLogConfig.from(s.accessLog()),
                ConfigInvalidException.at("dns", () -> DnsConfig.from(s.dns())),
                s.maxRequestBodyBytes() == null ? DEFAULT_MAX_REQUEST_BODY_BYTES : s.maxRequestBodyBytes(),
                routes, clusters);
    }

    public Optional<ClusterConfig> cluster(String name) {
        return clusters.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
