package dev.gauntlet.harness.kind.builtin;

import dev.gauntlet.harness.kind.ViewSource;
import dev.gauntlet.harness.observe.ViewObserver;
import java.time.Duration;
import java.util.Map;

/**
 * Our gateway's view: its {@code /admin/events} stream, each event stamped by the gateway where the transition
 * happened, so the stamps are late by nothing the stream adds (resolution 0).
 *
 * <pre>{@code
 * ViewSource view = new BuiltinViewSource(ViewObserver.stream(adminUrl, sink, topology::endpointIdFor));
 * }</pre>
 */
final class BuiltinViewSource implements ViewSource {

    private final ViewObserver observer;

    BuiltinViewSource(ViewObserver observer) {
        this.observer = observer;
    }

    @Override
    public long resolutionUs() {
        return 0;
    }

    @Override
    public String describe() {
        return "gateway admin event stream (/admin/events), stamped by the gateway";
    }

    @Override
    public boolean awaitAllUsable(int endpoints, Duration timeout) throws InterruptedException {
        return observer.awaitAllUsable(endpoints, timeout);
    }

    @Override
    public Map<String, Boolean> usable() {
        return observer.usable();
    }

    @Override
    public void close() {
        observer.close();
    }
}
