package dev.gauntlet.harness.kind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.harness.runtime.ChildRegistry;
import dev.gauntlet.harness.runtime.Gateway;
import java.nio.file.Path;
import java.util.List;

/**
 * One kind of gateway under test (our {@code builtin} core, {@code envoy}, {@code haproxy}, {@code nginx},
 * {@code caddy}, ...), registered by name in {@link GatewayKinds}. Like a Testcontainers module or a Toxiproxy
 * toxic, a kind owns only what differs for that gateway; the rest of the harness asks this interface and never
 * branches on the kind's name.
 *
 * <pre>{@code
 * GatewayKind kind = GatewayKinds.byName("haproxy");
 * List<Refusal> no = kind.refusals(neutralCluster);          // before the run: one line each, exit 2
 * Path binary = kind.binary();                                // or GatewayUnavailableException: exit 3
 * NativeConfig files = kind.render(launch);                   // saved as gateway.native.* in the run dir
 * Gateway gw = kind.start(launch, files, registry);           // a child process on loopback, routing
 * try (ViewSource view = kind.observe(gw, launch, sink)) { ... }   // view.jsonl
 * String flags = kind.labeler().flags(answer);                // UH, UO, UF, URX, UT, NR or null
 * DetectionModel model = kind.detectionModel();               // bounds from its documented scheduling
 * }</pre>
 *
 * The neutral configuration is our own gateway's config format ({@code gateway-under-test/README.md}): the
 * scenario's {@code gateway.config} merged into the cluster the topology generates. A kind translates what
 * it has and refuses, with a {@link Refusal}, every setting it does not have; it never drops one silently.
 */
public interface GatewayKind {

    /** As scenarios spell it: {@code builtin}, {@code envoy}, ... */
    String name();

    /**
     * Every setting of the neutral config this kind cannot honour, each as one line's worth of reason. Paths
     * are relative to the scenario's {@code gateway.config} (e.g. {@code healthCheck}, {@code retry.budget}).
     * Empty when everything translates.
     */
    List<Refusal> refusals(JsonNode neutralConfig);

    /**
     * The gateway's executable (or the jar for builtin), found in {@code .tools/bin}, on PATH or where its
     * package puts it; throws {@link GatewayUnavailableException} with one line naming what to install.
     */
    Path binary();

    /** The gateway's version as it prints it (e.g. {@code 1.40.0}), for run.json and the report. */
    String version();

    /** Renders the native configuration files for this launch (not yet written). */
    NativeConfig render(GatewayLaunch launch);

    /**
     * Checks a rendered config with the gateway's own validator ({@code haproxy -c}, {@code nginx -t},
     * {@code envoy --mode validate}, {@code caddy validate}); the complaint, or empty when valid.
     */
    List<String> validate(NativeConfig config, GatewayLaunch launch);

    /**
     * Writes {@code config} into the run directory and starts the gateway as a child process registered in
     * {@code registry}, on loopback; returns once it routes (its listener answers). Throws
     * {@code PartStartException} if it cannot start.
     */
    Gateway start(GatewayLaunch launch, NativeConfig config, ChildRegistry registry);

    /** Starts reading the gateway's view (events, logs, admin API) into {@code sink}. */
    ViewSource observe(Gateway gateway, GatewayLaunch launch, ViewSink sink);

    /** Labels each client answer with our cause flags, from what this gateway says. */
    AnswerLabeler labeler();

    /** The detection and recovery bounds of this gateway's documented check scheduling. */
    DetectionModel detectionModel();

    /**
     * The health-check and outlier settings in effect, in the neutral format, read back from the rendered
     * native config or the running gateway; saved as {@code gateway-config.json} so scoring derives bounds
     * from what the gateway really runs with.
     */
    ObjectNode effectiveConfig(Gateway gateway, GatewayLaunch launch, NativeConfig config);

    /** This kind's words for our neutral settings, for diagnoses that name the setting to change. */
    default SettingNames settingNames() {
        return SettingNames.NEUTRAL;
    }

    /**
     * How a user's own native config becomes this kind's file ({@code gateway.native.file}, docs/gateways/templates.md):
     * its backend lines and owned placeholders; null when the kind takes no template.
     */
    default dev.gauntlet.harness.kind.template.TemplateDialect templates() {
        return null;
    }
}
