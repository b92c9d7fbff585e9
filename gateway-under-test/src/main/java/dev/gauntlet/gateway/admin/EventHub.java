package dev.gauntlet.gateway.admin;

import dev.gauntlet.gateway.health.TransitionEvent;
import dev.gauntlet.gateway.health.TransitionListener;
import dev.gauntlet.gateway.upstream.Cluster;
import dev.gauntlet.gateway.upstream.Endpoint;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.undertow.server.handlers.sse.ServerSentEventConnection;
import io.undertow.server.handlers.sse.ServerSentEventConnectionCallback;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Fans transitions out to every {@code GET /admin/events} subscriber. A new subscriber first gets one
 * {@code config} event (the effective config, {@code source: connect}) and one {@code snapshot} per endpoint,
 * then every {@code transition} and every {@code config} change ({@code source: admin_put}); all under one
 * lock so no change falls between the snapshot and the stream. A keep-alive comment every second lets a
 * subscriber notice a stalled stream within a few seconds.
 *
 * <pre>{@code
 * EventHub hub = new EventHub(() -> clusters, () -> ConfigJson.toJson(config), stamps::nowMicros);
 * health listener: hub::onTransition;   admin route: new ServerSentEventHandler(hub)
 * after a successful PUT /admin/config:  hub.onConfig(newConfigJson, "admin_put")
 * }</pre>
 */
public final class EventHub implements TransitionListener, ServerSentEventConnectionCallback {
    private final Set<ServerSentEventConnection> subscribers = new CopyOnWriteArraySet<>();
    /** How often an idle stream carries a comment line, so a subscriber can tell a stall from quiet. */
    public static final long KEEP_ALIVE_MS = 1_000;

    private final Supplier<List<Cluster>> clusters;
    private final Supplier<JsonNode> config;
    private final LongSupplier nowMicros;
    private final List<TransitionListener> downstream = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * @param config    the effective config, as {@code GET /admin/config} shows it
     * @param nowMicros the stamp of config events, in the same time base as transitions
     */
    public EventHub(Supplier<List<Cluster>> clusters, Supplier<JsonNode> config, LongSupplier nowMicros) {
        this.clusters = clusters;
        this.config = config;
        this.nowMicros = nowMicros;
    }

    /** A hub without config events (tests of the transition stream alone). */
    public EventHub(Supplier<List<Cluster>> clusters) {
        this(clusters, () -> null, () -> 0L);
    }

    /** Tells every subscriber the config now in effect, {@code source} saying what changed it ({@code admin_put}). */
    public void onConfig(JsonNode effective, String source) {
        String data = configEvent(effective, source);
        synchronized (this) {
            for (ServerSentEventConnection c : subscribers) {
                c.send(data, "config", null, null);
            }
        }
    }

    private String configEvent(JsonNode effective, String source) {
        ObjectNode n = JsonNodeFactory.instance.objectNode().put("t_us", nowMicros.getAsLong()).put("source", source);
        n.set("config", effective);
        return n.toString();
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
        connection.setKeepAliveTime(KEEP_ALIVE_MS);
        synchronized (this) {
            JsonNode effective = config.get();
            if (effective != null) {
                connection.send(configEvent(effective, "connect"), "config", null, null);
            }
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
