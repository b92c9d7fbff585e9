package dev.gauntlet.gateway.proxy;

import dev.gauntlet.gateway.upstream.Cluster;
import dev.gauntlet.gateway.upstream.Router;
import io.undertow.client.ClientRequest;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.server.ServerConnection;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The data path's Undertow handler: hygiene checks, routing, body buffering, then hands the request to
 * an {@link UpstreamExchange}. Answers it gives itself carry {@code x-gauntlet-flags}.
 *
 * <pre>{@code
 * HttpHandler h = new GatewayProxyHandler(() -> router, observer, 8 << 20);
 * Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(h).build().start();
 * }</pre>
 */
public final class GatewayProxyHandler implements HttpHandler {
    private static final byte[] EMPTY = new byte[0];
    private static final AttachmentKey<String> REMOTE = AttachmentKey.create(String.class);
    private static final Set<HttpString> IDEMPOTENT = Set.of(Methods.GET, Methods.HEAD, Methods.OPTIONS,
            Methods.TRACE, Methods.PUT, Methods.DELETE);
    /** RFC 9110 7.6.1 hop-by-hop fields, plus the proxy-specific ones Envoy also strips. */
    private static final Set<HttpString> HOP_BY_HOP = Set.of(Headers.CONNECTION, Headers.KEEP_ALIVE,
            new HttpString("Proxy-Connection"), Headers.PROXY_AUTHENTICATE, Headers.PROXY_AUTHORIZATION,
            Headers.TE, Headers.TRAILER, Headers.TRANSFER_ENCODING, Headers.UPGRADE);

    private final java.util.function.Supplier<Router> router;
    private final ProxyObserver observer;
    private final LongSupplier maxBody;

    public GatewayProxyHandler(java.util.function.Supplier<Router> router, ProxyObserver observer, LongSupplier maxBody) {
        this.router = router;
        this.observer = observer;
        this.maxBody = maxBody;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        long start = System.nanoTime();
        long startMillis = System.currentTimeMillis();
        HeaderMap in = exchange.getRequestHeaders();
        HeaderValues lengths = in.get(Headers.CONTENT_LENGTH);
        Cluster cluster = router.get().route(in.getFirst(Headers.HOST), exchange.getRequestPath());
        UpstreamExchange[] upstream = new UpstreamExchange[1];
        exchange.addExchangeCompleteListener((ex, next) -> {
            UpstreamExchange u = upstream[0];
            observer.requestEnded(new ProxyObserver.RequestRecord(ex.getRequestMethod().toString(),
                    ex.getRequestURI(), remote(ex), cluster, ex.getStatusCode(),
                    ex.getResponseHeaders().getFirst(Flags.HEADER), u == null ? null : u.served,
                    u == null ? 0 : u.attempts(), startMillis, System.nanoTime() - start));
            next.proceed();
        });
        if (in.contains(Headers.TRANSFER_ENCODING) && lengths != null) {
            // Request smuggling guard (RFC 9112 6.3): never let two framings reach the backend.
            badRequest(exchange, "both content-length and transfer-encoding");
            return;
        }
        if (lengths != null && (lengths.size() > 1 || lengths.getFirst().contains(","))
                && new HashSet<>(splitAll(lengths)).size() > 1) {
            badRequest(exchange, "conflicting content-length");
            return;
        }
        if (cluster == null) {
            local(exchange, 404, Flags.NR, "no route");
            return;
        }
        if (cluster.noHealthy()) {
            // Fail fast without touching the body: the answer cannot depend on it.
            local(exchange, 503, Flags.UH, "no healthy upstream");
            return;
        }
        // Take the slot first, then check: two I/O threads must not both pass for the last slot.
        if (cluster.activeRequests.incrementAndGet() > cluster.config().circuitBreakers().maxRequests()) {
            cluster.activeRequests.decrementAndGet();
            local(exchange, 503, Flags.UO, "upstream overflow");
            return;
        }
        exchange.addExchangeCompleteListener((ex, next) -> {
            cluster.activeRequests.decrementAndGet();
            next.proceed();
        });
        boolean idempotent = IDEMPOTENT.contains(exchange.getRequestMethod());
        boolean hasBody = in.contains(Headers.TRANSFER_ENCODING)
                || (lengths != null && !lengths.getFirst().trim().equals("0"));
        if (!hasBody) {
            upstream[0] = new UpstreamExchange(exchange, cluster, EMPTY, idempotent, observer);
            exchange.dispatch(io.undertow.util.SameThreadExecutor.INSTANCE, upstream[0]::start);
            return;
        }
        exchange.setMaxEntitySize(maxBody.getAsLong());
        exchange.getRequestReceiver().receiveFullBytes((ex, bytes) -> {
            upstream[0] = new UpstreamExchange(ex, cluster, bytes, idempotent, observer);
            ex.dispatch(io.undertow.util.SameThreadExecutor.INSTANCE, upstream[0]::start);
        }, (ex, err) -> {
            if (err instanceof RequestTooBigException) {
                local(ex, 413, null, "request body too large");
            } else {
                badRequest(ex, "unreadable request body");
            }
        });
    }

    private static java.util.List<String> splitAll(HeaderValues values) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String v : values) {
            for (String part : v.split(",")) {
                out.add(part.trim());
            }
        }
        return out;
    }

    private static void badRequest(HttpServerExchange exchange, String why) {
        exchange.setPersistent(false);
        local(exchange, 400, null, "bad request: " + why);
    }

    /** An answer the gateway gives itself. */
    static void local(HttpServerExchange exchange, int status, String flag, String text) {
        if (exchange.isResponseStarted()) {
            org.xnio.IoUtils.safeClose(exchange.getConnection());
            return;
        }
        exchange.setStatusCode(status);
        HeaderMap out = exchange.getResponseHeaders();
        out.put(Headers.CONTENT_TYPE, "text/plain");
        if (flag != null) {
            out.put(Flags.HEADER, flag);
        }
        exchange.getResponseSender().send(text);
    }

    /** The request to send upstream: same method, path and query, end-to-end headers, XFF appended. */
    static ClientRequest upstreamRequest(HttpServerExchange exchange, int bodyLength) {
        ClientRequest r = new ClientRequest();
        String uri = exchange.getRequestURI();
        if (exchange.isHostIncludedInRequestURI()) {
            int s = uri.indexOf("//");
            int p = s < 0 ? -1 : uri.indexOf('/', s + 2);
            uri = p < 0 ? "/" : uri.substring(p);
        }
        String q = exchange.getQueryString();
        r.setPath(q == null || q.isEmpty() ? uri : uri + "?" + q);
        r.setMethod(exchange.getRequestMethod());
        HeaderMap in = exchange.getRequestHeaders();
        HeaderMap out = r.getRequestHeaders();
        Set<HttpString> nominated = nominatedByConnection(in);
        long it = in.fastIterateNonEmpty();
        while (it != -1L) {
            HeaderValues v = in.fiCurrent(it);
            HttpString name = v.getHeaderName();
            if (!HOP_BY_HOP.contains(name) && !name.equals(Headers.CONTENT_LENGTH) && !nominated.contains(name)) {
                out.putAll(name, v);
            }
            it = in.fiNextNonEmpty(it);
        }
        String client = remote(exchange);
        String xff = in.getFirst(Headers.X_FORWARDED_FOR);
        out.put(Headers.X_FORWARDED_FOR, xff == null || xff.isBlank() ? client : xff + ", " + client);
        if (!out.contains(Headers.X_FORWARDED_PROTO)) {
            out.put(Headers.X_FORWARDED_PROTO, exchange.getRequestScheme());
        }
        if (bodyLength > 0 || in.contains(Headers.CONTENT_LENGTH) || in.contains(Headers.TRANSFER_ENCODING)) {
            out.put(Headers.CONTENT_LENGTH, bodyLength);
        }
        if (!out.contains(Headers.HOST)) {
            out.put(Headers.HOST, exchange.getHostAndPort());
        }
        return r;
    }

    /** Copies an upstream answer's end-to-end headers to the client response. */
    static void copyResponseHeaders(HeaderMap from, HeaderMap to) {
        Set<HttpString> nominated = nominatedByConnection(from);
        long it = from.fastIterateNonEmpty();
        while (it != -1L) {
            HeaderValues v = from.fiCurrent(it);
            HttpString name = v.getHeaderName();
            if (!HOP_BY_HOP.contains(name) && !nominated.contains(name)) {
                to.putAll(name, v);
            }
            it = from.fiNextNonEmpty(it);
        }
    }

    private static Set<HttpString> nominatedByConnection(HeaderMap headers) {
        HeaderValues c = headers.get(Headers.CONNECTION);
        if (c == null) {
            return Set.of();
        }
        if (c.size() == 1) {
            // Nearly every keep-alive backend answers "Connection: keep-alive": nothing is nominated,
            // so skip the split and the set (this runs for every response).
            String only = c.getFirst().trim();
            if (only.equalsIgnoreCase("keep-alive") || only.equalsIgnoreCase("close")) {
                return Set.of();
            }
        }
        Set<HttpString> out = new HashSet<>();
        for (String v : c) {
            for (String token : v.split(",")) {
                String t = token.trim().toLowerCase(Locale.ROOT);
                if (!t.isEmpty() && !t.equals("close") && !t.equals("keep-alive")) {
                    out.add(new HttpString(t));
                }
            }
        }
        return out;
    }

    /**
     * The client's address as text, formatted once per client connection: it is needed twice per
     * request (X-Forwarded-For, the request record) and a keep-alive connection carries many requests.
     */
    static String remote(HttpServerExchange exchange) {
        ServerConnection connection = exchange.getConnection();
        String cached = connection.getAttachment(REMOTE);
        if (cached != null) {
            return cached;
        }
        InetSocketAddress a = exchange.getSourceAddress();
        String text = a == null || a.getAddress() == null ? "unknown" : a.getAddress().getHostAddress();
        connection.putAttachment(REMOTE, text);
        return text;
    }
}
