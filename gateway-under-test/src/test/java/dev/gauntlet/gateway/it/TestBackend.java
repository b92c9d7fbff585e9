package dev.gauntlet.gateway.it;

import io.undertow.Undertow;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.xnio.Options;

/**
 * A tiny backend for this module's tests (we may not depend on fake-backends): answers any path with
 * {@code x-backend-id}, {@code /health} with a settable status, optionally a settable status for data
 * requests; can stop and start again on the same port.
 */
public final class TestBackend implements AutoCloseable {
    public final String id;
    private int port;
    private Undertow server;
    public final AtomicInteger healthStatus = new AtomicInteger(200);
    public final AtomicInteger dataStatus = new AtomicInteger(200);
    public final AtomicLong requests = new AtomicLong();
    public volatile String immediateFailHeader;
    public final AtomicLong dataDelayMillis = new AtomicLong();
    public volatile String healthBody = "ok";
    public volatile String lastHost;
    public volatile io.undertow.util.HeaderMap lastHeaders;

    private final javax.net.ssl.SSLContext tls;

    public TestBackend(String id) {
        this(id, null);
    }

    /** With {@code tls} non-null the backend speaks HTTPS only. */
    public TestBackend(String id, javax.net.ssl.SSLContext tls) {
        this.id = id;
        this.tls = tls;
        start(0);
    }

    private void start(int p) {
        Undertow.Builder builder = Undertow.builder();
        if (tls == null) {
            builder.addHttpListener(p, "127.0.0.1");
        } else {
            builder.addHttpsListener(p, "127.0.0.1", tls);
        }
        server = builder
                .setIoThreads(1)
                .setWorkerThreads(2)
                .setSocketOption(Options.REUSE_ADDRESSES, true)
                .setHandler(ex -> {
                    ex.getResponseHeaders().put(new HttpString("x-backend-id"), id);
                    ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain");
                    if (ex.getRequestPath().equals("/health")) {
                        if (immediateFailHeader != null) {
                            ex.getResponseHeaders().put(new HttpString(immediateFailHeader), "true");
                        }
                        lastHost = ex.getRequestHeaders().getFirst(Headers.HOST);
                        ex.setStatusCode(healthStatus.get());
                        ex.getResponseSender().send(healthBody);
                        return;
                    }
                    requests.incrementAndGet();
                    lastHeaders = ex.getRequestHeaders();
                    ex.setStatusCode(dataStatus.get());
                    String xff = ex.getRequestHeaders().getFirst(Headers.X_FORWARDED_FOR);
                    if (xff != null) {
                        ex.getResponseHeaders().put(new HttpString("x-seen-xff"), xff);
                    }
                    long delay = dataDelayMillis.get();
                    if (delay > 0) {
                        ex.dispatch(io.undertow.util.SameThreadExecutor.INSTANCE, () -> ex.getIoThread().executeAfter(
                                () -> ex.getResponseSender().send("hello from " + id), delay,
                                java.util.concurrent.TimeUnit.MILLISECONDS));
                        return;
                    }
                    ex.getResponseSender().send("hello from " + id);
                })
                .build();
        server.start();
        port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    public int port() {
        return port;
    }

    public String address() {
        return "127.0.0.1:" + port;
    }

    /** Stops listening: new connections are refused. */
    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** Starts again on the same port. */
    public synchronized void restart() {
        if (server == null) {
            start(port);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
