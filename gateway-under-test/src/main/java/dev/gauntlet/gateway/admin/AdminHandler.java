package dev.gauntlet.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.gateway.config.ConfigInvalidException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.sse.ServerSentEventHandler;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The admin API (loopback listener): {@code GET /admin/clusters}, {@code GET /admin/events} (SSE),
 * {@code GET|PUT /admin/config}, {@code GET /metrics}. With a token configured every request needs
 * {@code Authorization: Bearer <token>}.
 *
 * <pre>{@code
 * new AdminHandler(token, () -> AdminJson.clusters(clusters), hub, configApi, metrics::scrape)
 * }</pre>
 */
public final class AdminHandler implements HttpHandler {
    private final String token;
    private final Supplier<JsonNode> clusters;
    private final ServerSentEventHandler events;
    private final ConfigApi config;
    private final Supplier<String> metrics;

    /** Read and write access to the effective config. */
    public interface ConfigApi {
        JsonNode current();

        /** Merges and applies a patch; returns the new effective config or throws the config error. */
        JsonNode apply(JsonNode patch);
    }

    public AdminHandler(String token, Supplier<JsonNode> clusters, EventHub hub, ConfigApi config,
                        Supplier<String> metrics) {
        this.token = token;
        this.clusters = clusters;
        this.events = new ServerSentEventHandler(hub);
        this.config = config;
        this.metrics = metrics;
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws Exception {
        if (token != null && !("Bearer " + token).equals(ex.getRequestHeaders().getFirst(Headers.AUTHORIZATION))) {
            send(ex, 401, "text/plain", "unauthorized");
            return;
        }
        String path = ex.getRequestPath();
        boolean get = ex.getRequestMethod().equals(Methods.GET);
        switch (path) {
            case "/admin/clusters" -> {
                if (get) {
                    json(ex, 200, clusters.get().toString());
                } else {
                    send(ex, 405, "text/plain", "method not allowed");
                }
            }
            case "/admin/events" -> events.handleRequest(ex);
            case "/admin/config" -> {
                if (get) {
                    json(ex, 200, config.current().toString());
                } else if (ex.getRequestMethod().equals(Methods.PUT) || ex.getRequestMethod().equals(Methods.POST)) {
                    ex.getRequestReceiver().receiveFullBytes((e, bytes) -> putConfig(e, bytes));
                } else {
                    send(ex, 405, "text/plain", "method not allowed");
                }
            }
            case "/metrics" -> send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.get());
            case "/ready", "/admin/ready" -> send(ex, 200, "text/plain", "ok");
            default -> send(ex, 404, "text/plain", "not found");
        }
    }

    private void putConfig(HttpServerExchange ex, byte[] bytes) {
        JsonNode patch;
        try {
            patch = dev.gauntlet.gateway.config.ConfigLoader.json().readTree(bytes);
        } catch (java.io.IOException e) {
            error(ex, "(body)", "unparseable", "a JSON object");
            return;
        }
        if (patch == null || !patch.isObject()) {
            error(ex, "(body)", String.valueOf(patch), "a JSON object");
            return;
        }
        try {
            json(ex, 200, config.apply(patch).toString());
        } catch (ConfigInvalidException e) {
            error(ex, e.path(), e.value(), e.rule());
        }
    }

    private static void error(HttpServerExchange ex, String path, String value, String rule) {
        String msg = "admin/config: " + path + ": " + value + " (expected: " + rule + ")";
        json(ex, 400, com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                .put("error", msg).toString());
    }

    private static void json(HttpServerExchange ex, int status, String body) {
        send(ex, status, "application/json", body);
    }

    private static void send(HttpServerExchange ex, int status, String type, String body) {
        ex.setStatusCode(status);
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, type);
        ex.getResponseSender().send(body, StandardCharsets.UTF_8);
    }
}
