package dev.gauntlet.gateway.admin;

import dev.gauntlet.gateway.health.TransitionEvent;
import dev.gauntlet.gateway.health.TransitionListener;
import dev.gauntlet.gateway.upstream.Cluster;
import dev.gauntlet.gateway.upstream.Endpoint;
import io.undertow.server.handlers.sse.ServerSentEventConnection;
import io.undertow.server.handlers.sse.ServerSentEventConnectionCallback;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Supplier;

/**
 * Fans transitions out to every {@code GET /admin/events} subscriber. A new subscriber first gets one
 * {@code snapshot} per endpoint, then every {@code transition}; both happen under one lock so no change
 * falls between the snapshot and the stream.
 *
 * <pre>{@code
 * EventHub hub = new EventHub(() -> clusters);
 * health listener: hub::onTransition;   admin route: new ServerSentEventHandler(hub)
 * }</pre>
 */
public final class EventHub implements TransitionListener, ServerSentEventConnectionCallback {
    private final Set<ServerSentEventConnection> subscribers = new CopyOnWriteArraySet<>();
    private final Supplier<List<Cluster>> clusters;
    private final List<TransitionListener> downstream = new java.util.concurrent.CopyOnWriteArrayList<>();

    public EventHub(Supplier<List<Cluster>> clusters) {
        this.clusters = clusters;
    }

    /** Also deliver every transition to {@code l} (cluster refresh, metrics, logs). */
    public void addListener(TransitionListener l) {
        downstream.add(l);
    }

    @Override
    public void onTransition(TransitionEvent event) {
        for (TransitionListener l : downstream) {
            l.onTransition(event);
        }
        String data = AdminJson.transition(event).toString();
        synchronized (this) {
            for (ServerSentEventConnection c : subscribers) {
                c.send(data, "transition", null, null);
            }
        }
    }

    @Override
    public void connected(ServerSentEventConnection connection, String lastEventId) {
        connection.setKeepAliveTime(15_000);
        synchronized (this) {
            for (Cluster c : clusters.get()) {
                for (Endpoint e : c.endpoints()) {
                    connection.send(AdminJson.snapshot(c, e).toString(), "snapshot", null, null);
                }
            }
            subscribers.add(connection);
        }
        connection.addCloseTask(subscribers::remove);
    }

    public int subscriberCount() {
        return subscribers.size();
    }
}
