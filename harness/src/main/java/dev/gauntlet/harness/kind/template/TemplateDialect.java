package dev.gauntlet.harness.kind.template;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.harness.kind.GatewayKind;
import dev.gauntlet.harness.kind.GatewayLaunch;
import dev.gauntlet.harness.kind.NativeConfig;
import dev.gauntlet.harness.runtime.Gateway;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a gateway kind adds to the one template syntax (docs/gateways/templates.md) so a user's own native config
 * can run in its place: the file's name, how the kind writes a cluster's endpoints ({@code {{ backends.<cluster> }}}),
 * the placeholders it owns beyond the common ones (paths and sockets its view reads through) and which of them a
 * template must use, and how its settings are read back from the user's file.
 *
 * <pre>{@code
 * TemplateDialect haproxy = GatewayKinds.byName("haproxy").templates();
 * haproxy.backendLines(endpoints);   // ["server api-0 127.0.0.1:41001 weight 1 check", ...]
 * haproxy.required();                // stats.socket, log.address
 * }</pre>
 */
public interface TemplateDialect {

    /** The rendered file's name, saved as {@code gateway.native.<name>} and given to the gateway. */
    String fileName();

    /** The kind's lines for one cluster's endpoints, not indented (the engine indents them like the placeholder). */
    List<String> backendLines(List<TemplateEndpoint> endpoints);

    /** The kind's own placeholders (name → value for this launch), beyond listen.*, admin.*, run.dir, upstream.ca. */
    default Map<String, String> placeholders(GatewayLaunch launch) {
        return Map.of();
    }

    /** Placeholders a template must use, besides {@code listen.port} and each cluster's backends. */
    default Set<String> required() {
        return Set.of();
    }

    /**
     * The health-check settings in effect, read from the user's rendered file (or the running gateway), in the
     * neutral format; what cannot be read is stated per cluster under {@code unknown} with the reason, so the
     * bound is {@code unknown}. By default the kind's own reader.
     */
    default ObjectNode effectiveConfig(GatewayKind kind, Gateway gateway, GatewayLaunch launch, NativeConfig config) {
        return kind.effectiveConfig(gateway, launch, config);
    }
}
