package dev.gauntlet.gateway.upstream;

import dev.gauntlet.gateway.config.RouteConfig;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps a request's Host and path to a cluster: routes in order, first match wins.
 *
 * <pre>{@code
 * Router r = new Router(config.routes(), clustersByName);
 * Cluster c = r.route("api.test:8080", "/items");   // null = no route (404, NR)
 * }</pre>
 */
public final class Router {
    private final RouteConfig[] routes;
    private final Cluster[] targets;

    public Router(List<RouteConfig> routes, Map<String, Cluster> clusters) {
        this.routes = routes.toArray(new RouteConfig[0]);
        this.targets = new Cluster[this.routes.length];
        for (int i = 0; i < this.routes.length; i++) {
            targets[i] = clusters.get(this.routes[i].cluster());
        }
    }

    public Cluster route(String hostHeader, String path) {
        String host = normalise(hostHeader);
        for (int i = 0; i < routes.length; i++) {
            if (routes[i].matches(host, path)) {
                return targets[i];
            }
        }
        return null;
    }

    static String normalise(String hostHeader) {
        if (hostHeader == null) {
            return "";
        }
        String h = hostHeader;
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            h = end > 0 ? h.substring(0, end + 1) : h;
        } else {
            int colon = h.indexOf(':');
            if (colon >= 0) {
                h = h.substring(0, colon);
            }
        }
        return h.toLowerCase(Locale.ROOT);
    }
}
