package dev.gauntlet.harness.kind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.harness.runtime.ChildRegistry;
import dev.gauntlet.harness.runtime.Gateway;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A gateway kind that exists only in tests, to check the wiring around refusals and {@code --gateway}: it
 * refuses {@code healthCheck} as nginx open source does, and cannot be started.
 *
 * <pre>{@code try (FakeKind.Registered k = FakeKind.register()) { loader.load(...) }}</pre>
 */
public final class FakeKind implements GatewayKind {

    public static final String NAME = "passive-only";
    public static final String WHY = "no healthCheck for kind passive-only: it has no active health checks";

    /** Registered for the time of a try-with-resources block. */
    public static final class Registered implements AutoCloseable {
        @Override
        public void close() {
            GatewayKinds.remove(NAME);
        }
    }

    public static Registered register() {
        GatewayKinds.add(new FakeKind());
        return new Registered();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Refusal> refusals(JsonNode neutralConfig) {
        List<Refusal> no = new ArrayList<>();
        if (neutralConfig.has("healthCheck")) {
            no.add(new Refusal("healthCheck", neutralConfig.get("healthCheck").toString(), WHY));
        }
        return no;
    }

    @Override
    public Path binary() {
        throw new GatewayUnavailableException("passive-only: a fake kind of the tests has no binary");
    }

    @Override
    public String version() {
        return "0";
    }

    @Override
    public NativeConfig render(GatewayLaunch launch) {
        throw new UnsupportedOperationException("a fake kind renders nothing");
    }

    @Override
    public List<String> validate(NativeConfig config, GatewayLaunch launch) {
        return List.of();
    }

    @Override
    public Gateway start(GatewayLaunch launch, NativeConfig config, ChildRegistry registry) {
        throw new UnsupportedOperationException("a fake kind starts nothing");
    }

    @Override
    public ViewSource observe(Gateway gateway, GatewayLaunch launch, ViewSink sink) {
        throw new UnsupportedOperationException("a fake kind has no view");
    }

    @Override
    public AnswerLabeler labeler() {
        return a -> a.status() == 503 ? "UH" : null;
    }

    @Override
    public DetectionModel detectionModel() {
        throw new UnsupportedOperationException("a fake kind has no model");
    }

    @Override
    public ObjectNode effectiveConfig(Gateway gateway, GatewayLaunch launch, NativeConfig config) {
        throw new UnsupportedOperationException("a fake kind has no config");
    }
}
