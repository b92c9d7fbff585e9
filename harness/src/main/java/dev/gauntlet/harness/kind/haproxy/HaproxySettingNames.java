package dev.gauntlet.harness.kind.haproxy;

import dev.gauntlet.harness.kind.SettingNames;
import java.util.Map;

/**
 * Our neutral settings as {@link HaproxyConfigRenderer} writes them into {@code haproxy.cfg}, so a diagnosis names
 * the directive the user edits. Settings HAProxy has no word for (a panic threshold, a max ejection percent) stay
 * neutral paths.
 *
 * <pre>{@code
 * new HaproxySettingNames().name("healthCheck.timeout");   // "timeout check"
 * new HaproxySettingNames().name("endpoints[2].weight");   // "server ... weight"
 * }</pre>
 */
final class HaproxySettingNames implements SettingNames {

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("healthCheck.enabled", "server ... check"),
            Map.entry("healthCheck.type", "option httpchk"),
            Map.entry("healthCheck.path", "http-check send meth GET uri"),
            Map.entry("healthCheck.host", "http-check send hdr Host"),
            Map.entry("healthCheck.interval", "default-server inter"),
            Map.entry("healthCheck.unhealthyInterval", "default-server downinter"),
            Map.entry("healthCheck.jitter", "spread-checks"),
            Map.entry("healthCheck.timeout", "timeout check"),
            Map.entry("healthCheck.unhealthyThreshold", "default-server fall"),
            Map.entry("healthCheck.healthyThreshold", "default-server rise"),
            Map.entry("healthCheck.expectedStatuses", "http-check expect status"),
            Map.entry("healthCheck.expectedBody", "http-check expect string"),
            Map.entry("retry.maxRetries", "retries"),
            Map.entry("retry.retryOn", "retry-on"),
            Map.entry("retry.perTryTimeout", "timeout server"),
            Map.entry("upstreamTimeout", "timeout server"),
            Map.entry("connectTimeout", "timeout connect"),
            // HAProxy's one passive counter: consecutive errors mark the server down until 'rise' checks pass
            Map.entry("outlierDetection.enabled", "observe layer7 error-limit"),
            Map.entry("outlierDetection.consecutive5xx", "observe layer7 error-limit"),
            Map.entry("outlierDetection.consecutiveGatewayFailure", "observe layer7 error-limit"),
            Map.entry("outlierDetection.baseEjectionTime", "default-server rise"),
            Map.entry("slowStart.window", "slowstart"),
            Map.entry("loadBalancing", "balance"),
            Map.entry("endpoints[].address", "server <name> <address>"),
            Map.entry("endpoints[].weight", "server ... weight"),
            Map.entry("routes[].cluster", "use_backend"),
            Map.entry("tls.enabled", "server ... ssl"),
            Map.entry("tls.verify", "server ... verify required ca-file"),
            Map.entry("tls.sni", "server ... sni"));

    @Override
    public String name(String neutralPath) {
        return NAMES.getOrDefault(neutralPath.replaceAll("\\[\\d+]", "[]"), neutralPath);
    }
}
