package dev.gauntlet.gateway.proxy;

import io.undertow.client.ClientCallback;
import io.undertow.client.ClientConnection;
import io.undertow.client.UndertowClient;
import io.undertow.connector.ByteBufferPool;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.XnioIoThread;
import org.xnio.ssl.XnioSsl;

/**
 * Keep-alive HTTP/1.1 connections to one endpoint, one idle stack per I/O thread. A request is served
 * entirely on its exchange's I/O thread, so each stack is only touched by its own thread and needs no
 * lock; only the shared counters are atomic.
 *
 * <pre>{@code
 * pool.acquire(exchange.getIoThread(), new ConnectionPool.Callback() { ... });
 * ...
 * pool.release(exchange.getIoThread(), connection);   // after the response was read to the end
 * }</pre>
 */
public final class ConnectionPool {
    /** Idle connections kept per I/O thread; more are closed on release. */
    public static final int MAX_IDLE_PER_THREAD = 64;

    private final URI uri;
    private final ByteBufferPool buffers;
    private final OptionMap options;
    private final XnioSsl ssl;
    private final AtomicInteger openGauge;
    private final java.util.function.IntSupplier maxConnections;
    private final Map<XnioIoThread, ArrayDeque<ClientConnection>> idle = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** Outcome of {@link #acquire}. */
    public interface Callback {
        void connected(ClientConnection connection, boolean reused);

        void failed(IOException e);
    }

    /** A new connection would exceed the cluster's maxConnections breaker. */
    public static final class OverflowException extends IOException {
        public OverflowException() {
            super("max connections reached", null);
        }
    }

    /**
     * @param openGauge      the cluster-wide count of open connections (shared by its endpoints)
     * @param maxConnections the cluster's breaker limit, read at each new connection
     */
    public ConnectionPool(URI uri, ByteBufferPool buffers, OptionMap options, XnioSsl ssl, AtomicInteger openGauge,
                          java.util.function.IntSupplier maxConnections) {
        this.maxConnections = maxConnections;
        this.uri = uri;
        this.buffers = buffers;
        this.options = options;
        this.ssl = ssl;
        this.openGauge = openGauge;
    }

    /** Reuses an idle connection of this thread, else opens one. Must be called on {@code thread}. */
    public void acquire(XnioIoThread thread, Callback callback) {
        ArrayDeque<ClientConnection> stack = idle.get(thread);
        if (stack != null) {
            ClientConnection c;
            while ((c = stack.pollLast()) != null) {
                if (c.isOpen()) {
                    callback.connected(c, true);
                    return;
                }
            }
        }
        connect(thread, callback);
    }

    /** Opens a new connection regardless of idle ones (used after a pooled one proved stale). */
    public void connect(XnioIoThread thread, Callback callback) {
        if (closed) {
            callback.failed(new IOException("endpoint removed"));
            return;
        }
        // Reserve the slot before connecting: concurrent connects must not all pass the check.
        if (openGauge.incrementAndGet() > maxConnections.getAsInt()) {
            openGauge.decrementAndGet();
            callback.failed(new OverflowException());
            return;
        }
        UndertowClient.getInstance().connect(new ClientCallback<>() {
            @Override
            public void completed(ClientConnection connection) {
                connection.addCloseListener(c -> openGauge.decrementAndGet());
                callback.connected(connection, false);
            }

            @Override
            public void failed(IOException e) {
                openGauge.decrementAndGet();
                callback.failed(e);
            }
        }, uri, thread, ssl, buffers, options);
    }

    /** Returns a connection whose exchange is complete. Must be called on {@code thread}. */
    public void release(XnioIoThread thread, ClientConnection connection) {
        if (closed || !connection.isOpen()) {
            IoUtils.safeClose(connection);
            return;
        }
        ArrayDeque<ClientConnection> stack = idle.computeIfAbsent(thread, t -> new ArrayDeque<>());
        if (stack.size() >= MAX_IDLE_PER_THREAD) {
            IoUtils.safeClose(connection);
            return;
        }
        stack.addLast(connection);
    }

    /** Closes every idle connection (each on its own thread) and refuses new ones. */
    public void close() {
        closed = true;
        idle.forEach((thread, stack) -> thread.execute(() -> {
            ClientConnection c;
            while ((c = stack.pollLast()) != null) {
                IoUtils.safeClose(c);
            }
        }));
    }
}
