package dev.gauntlet.backend.server;

import dev.gauntlet.backend.config.BehaviourDocuments;
import dev.gauntlet.backend.config.BehaviourInvalidException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.nio.charset.StandardCharsets;
import java.util.Deque;

/**
 * The control port (bound to 127.0.0.1 only):
 * <ul>
 *   <li>{@code GET /_control/behaviour} — the whole effective behaviour, every default filled in;</li>
 *   <li>{@code PUT /_control/behaviour} — merge a partial camelCase document; 400 with the one-line
 *       error and nothing changed when it is invalid;</li>
 *   <li>{@code POST /_control/crash?code=N} — answer, then halt the process with exit code N (default 1);</li>
 *   <li>{@code GET /_control/stats} — counters in snake_case;</li>
 *   <li>{@code GET /_control/tls/ca} — the PEM of the test CA that signs generated certificates.</li>
 * </ul>
 *
 * <pre>{@code
 * curl -X PUT --data '{"errors":{"rate":0.5,"status":503}}' http://127.0.0.1:$CONTROL/_control/behaviour
 * }</pre>
 */
public final class ControlHandler implements HttpHandler {
    /** Source name in errors about control requests. */
    public static final String SOURCE = "/_control/behaviour";
    public static final int DEFAULT_CRASH_CODE = 1;

    private final FakeBackend backend;

    ControlHandler(FakeBackend backend) {
        this.backend = backend;
    }

    @Override
    public void handleRequest(HttpServerExchange ex) {
        if (ex.isInIoThread()) {
            // PUT bodies are read with blocking I/O and applying a behaviour may start threads.
            ex.dispatch(this);
            return;
        }
        String path = ex.getRequestPath();
        boolean get = ex.getRequestMethod().equals(Methods.GET);
        boolean put = ex.getRequestMethod().equals(Methods.PUT);
        boolean post = ex.getRequestMethod().equals(Methods.POST);
        switch (path) {
            case "/_control/behaviour" -> {
                if (get) {
                    json(ex, 200, backend.behaviour().toJson().toString());
                } else if (put) {
                    putBehaviour(ex);
                } else {
                    text(ex, 405, "method " + ex.getRequestMethod() + " (expected: GET or PUT)");
                }
            }
            case "/_control/crash" -> {
                if (post) {
                    crash(ex);
                } else {
                    text(ex, 405, "method " + ex.getRequestMethod() + " (expected: POST)");
                }
            }
            case "/_control/stats" -> {
                if (get) {
                    json(ex, 200, backend.statsJson().toString());
                } else {
                    text(ex, 405, "method " + ex.getRequestMethod() + " (expected: GET)");
                }
            }
            case "/_control/tls/ca" -> {
                try {
                    ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/x-pem-file");
                    send(ex, 200, TestCertificateAuthority.pem());
                } catch (java.security.GeneralSecurityException e) {
                    text(ex, 500, "test CA unavailable: " + e);
                }
            }
            default -> text(ex, 404, "path " + path
                    + " (expected: /_control/behaviour, /_control/crash, /_control/stats or /_control/tls/ca)");
        }
    }

    private void putBehaviour(HttpServerExchange ex) {
        String body;
        try {
            ex.startBlocking();
            body = new String(ex.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return;
        }
        try {
            backend.apply(BehaviourDocuments.merge(backend.behaviour(), body, SOURCE));
        } catch (BehaviourInvalidException e) {
            text(ex, 400, (e.source() == null ? e.from(SOURCE) : e).getMessage());
            return;
        }
        json(ex, 200, backend.behaviour().toJson().toString());
    }

    private void crash(HttpServerExchange ex) {
        Deque<String> codes = ex.getQueryParameters().get("code");
        int code = DEFAULT_CRASH_CODE;
        if (codes != null && !codes.isEmpty()) {
            try {
                code = Integer.parseInt(codes.getFirst());
            } catch (NumberFormatException e) {
                code = -1;
            }
            if (code < 0 || code > 255) {
                text(ex, 400, "/_control/crash: code: " + codes.getFirst() + " (expected: an exit code 0-255)");
                return;
            }
        }
        int exit = code;
        json(ex, 200, "{\"event\":\"crash\",\"id\":\"" + backend.id() + "\",\"code\":" + exit + "}");
        // halt, not exit: a crash runs no shutdown hooks and closes no listener politely.
        Runtime.getRuntime().halt(exit);
    }

    private static void json(HttpServerExchange ex, int status, String body) {
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        send(ex, status, body);
    }

    private static void text(HttpServerExchange ex, int status, String body) {
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        send(ex, status, body + "\n");
    }

    private static void send(HttpServerExchange ex, int status, String body) {
        ex.setStatusCode(status);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().put(Headers.CONTENT_LENGTH, bytes.length);
        try {
            ex.startBlocking();
            ex.getOutputStream().write(bytes);
            ex.getOutputStream().close();
        } catch (java.io.IOException clientGone) {
            // The caller went away; nothing else to do.
        }
    }
}
