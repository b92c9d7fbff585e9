package dev.gauntlet.harness.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.harness.kind.GatewayKind;
import dev.gauntlet.harness.kind.JsonlViewSink;
import dev.gauntlet.harness.kind.ViewSource;
import dev.gauntlet.harness.runtime.PartStartException;
import dev.gauntlet.harness.runtime.PartsRuntime;
import dev.gauntlet.harness.topology.Topology;
import dev.gauntlet.report.run.RunDirectory;
import dev.gauntlet.report.run.RunManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * A run's view of the gateway, asked of its kind whatever the kind: saves the effective config as
 * {@code gateway-config.json}, streams the view into {@code view.jsonl}, waits for the baseline (every
 * endpoint usable) and says in run.json which version ran and where the view's stamps come from.
 *
 * <pre>{@code
 * try (GatewayView view = GatewayView.open(runtime, topology, dir)) {
 *     manifest = view.describe(manifest);
 * }
 * }</pre>
 */
final class GatewayView implements AutoCloseable {

    private final GatewayKind kind;
    private final JsonlViewSink sink;
    private final ViewSource source;

    private GatewayView(GatewayKind kind, JsonlViewSink sink, ViewSource source) {
        this.kind = kind;
        this.sink = sink;
        this.source = source;
    }

    /** Saves the effective config, starts the view and waits until it shows every endpoint usable. */
    static GatewayView open(PartsRuntime runtime, Topology topology, RunDirectory dir) throws InterruptedException {
        GatewayKind kind = runtime.gatewayKind();
        ObjectNode effective = kind.effectiveConfig(runtime.gateway(), runtime.gatewayLaunch(), runtime.gatewayNativeConfig());
        try {
            Files.writeString(dir.file(RunDirectory.GATEWAY_CONFIG),
                    new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(effective));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonlViewSink sink = new JsonlViewSink(dir.file(RunDirectory.VIEW), topology.cluster());
        ViewSource source;
        try {
            source = kind.observe(runtime.gateway(), runtime.gatewayLaunch(), sink);
        } catch (RuntimeException e) {
            sink.close();
            throw e;
        }
        GatewayView view = new GatewayView(kind, sink, source);
        if (!source.awaitAllUsable(topology.initialViewSize(), RunFiles.BASELINE_TIMEOUT)) {
            view.close();
            throw new PartStartException("the " + kind.name() + " gateway did not report all " + topology.initialViewSize()
                    + " endpoints usable within " + RunFiles.BASELINE_TIMEOUT.toSeconds() + " s (" + source.describe()
                    + "): " + source.usable());
        }
        return view;
    }

    /** {@code manifest} saying the gateway's version and how its view is read. */
    RunManifest describe(RunManifest manifest) {
        return manifest.gateway(kind.version(), source.describe(), source.resolutionUs());
    }

    /** Endpoint id → usable, as the view last showed it. */
    java.util.Map<String, Boolean> usable() {
        return source.usable();
    }

    private boolean closed;

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        source.close();
        sink.close();
    }
}
