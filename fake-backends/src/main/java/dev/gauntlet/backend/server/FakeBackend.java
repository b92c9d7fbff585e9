package dev.gauntlet.backend.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.backend.config.BehaviourConfig;
import io.undertow.Undertow;
import io.undertow.connector.ByteBufferPool;
import io.undertow.server.DefaultByteBufferPool;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.XnioWorker;

/**
 * A running fake backend: a data port (HTTP or HTTPS, any host) and a control port (127.0.0.1 unless
 * a control host is given, e.g. {@code 0.0.0.0} in a container) sharing one small XNIO worker, and the
 * current behaviour, swapped whole on each change.
 *
 * <pre>{@code
 * try (FakeBackend b = FakeBackend.start("api-0", "127.0.0.1", 0, 0, BehaviourConfig.DEFAULT, Clock.systemUTC())) {
 *     b.apply(BehaviourDocuments.merge(b.behaviour(), "{\"latency\":{\"fixed\":\"5ms\"}}", "test"));
 *     URI data = URI.create("http://127.0.0.1:" + b.port() + "/");
 * }
 * }</pre>
 */
public final class FakeBackend implements AutoCloseable {
    /** The control port's address unless {@code --control-host} says otherwise. */
    public static final String CONTROL_HOST = "127.0.0.1";
    /** Two IO threads carry all the non-blocking work; the task pool only runs control calls and fault paths. */
    public static final int IO_THREADS = 2;
    public static final int WORKER_THREADS = 8;
    private static final int BUFFER_SIZE = 16 * 1024;

    private final String id;
    private final String host;
    private final XnioWorker worker;
    private final ByteBufferPool buffers;
    private final Stats stats = new Stats();
    private final AtomicReference<ActiveBehaviour> current = new AtomicReference<>();
    private final ResourceEffects effects;
    private final Undertow control;
    private Undertow data;
    private int port;

    private FakeBackend(String id, String host, int port, String controlHost, int controlPort, BehaviourConfig behaviour,
                        Clock clock) throws IOException {
        this.id = Objects.requireNonNull(id);
        this.host = host;
        Objects.requireNonNull(controlHost, "controlHost");
        BackendLog.quietLibraries();
        SSLContext ssl = TlsContexts.create(behaviour.tls());
        this.worker = Xnio.getInstance(Undertow.class.getClassLoader()).createWorker(OptionMap.builder()
                .set(Options.WORKER_IO_THREADS, IO_THREADS)
                .set(Options.WORKER_TASK_CORE_THREADS, WORKER_THREADS)
                .set(Options.WORKER_TASK_MAX_THREADS, WORKER_THREADS)
                .set(Options.TCP_NODELAY, true)
                .set(Options.WORKER_NAME, "backend")
                .getMap());
        this.buffers = new DefaultByteBufferPool(true, BUFFER_SIZE);
        this.current.set(ActiveBehaviour.first(behaviour, clock, stats));
        this.effects = new ResourceEffects(id);
        try {
            this.data = dataServer(port, ssl);
            this.data.start();
            this.port = boundPort(data);
            this.control = Undertow.builder().setWorker(worker).setByteBufferPool(buffers)
                    .addHttpListener(controlPort, controlHost).setHandler(new ControlHandler(this)).build();
            this.control.start();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        effects.apply(behaviour);
    }

    /**
     * Starts a backend with its control port on {@link #CONTROL_HOST}; ports 0 pick free ones (read them
     * back with {@link #port()} and {@link #controlPort()}).
     */
    public static FakeBackend start(String id, String host, int port, int controlPort, BehaviourConfig behaviour,
                                    Clock clock) throws IOException {
        return start(id, host, port, CONTROL_HOST, controlPort, behaviour, clock);
    }

    /** Starts a backend with its control port on {@code controlHost} (e.g. {@code 0.0.0.0} in a container). */
    public static FakeBackend start(String id, String host, int port, String controlHost, int controlPort,
                                    BehaviourConfig behaviour, Clock clock) throws IOException {
        return new FakeBackend(id, host, port, controlHost, controlPort, behaviour, clock);
    }

    private Undertow dataServer(int bindPort, SSLContext ssl) {
        Undertow.Builder b = Undertow.builder().setWorker(worker).setByteBufferPool(buffers)
                .setHandler(new DataHandler(id, current::get, stats));
        return (ssl == null ? b.addHttpListener(bindPort, host) : b.addHttpsListener(bindPort, host, ssl)).build();
    }

    private static int boundPort(Undertow server) {
        return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    public String id() {
        return id;
    }

    public synchronized int port() {
        return port;
    }

    public int controlPort() {
        return boundPort(control);
    }

    /** The control listener's bound address (a wildcard address when started with {@code 0.0.0.0}). */
    public InetSocketAddress controlAddress() {
        return (InetSocketAddress) control.getListenerInfo().get(0).getAddress();
    }

    public BehaviourConfig behaviour() {
        return current.get().config();
    }

    /**
     * Switches to {@code next}: logs one line naming the changed sections, keeps the state of the
     * unchanged ones, and re-opens the data port on the same number when TLS changed. A TLS setting
     * that cannot be honoured throws before anything changes.
     */
    public synchronized void apply(BehaviourConfig next) throws dev.gauntlet.backend.config.BehaviourInvalidException {
        BehaviourConfig prev = behaviour();
        boolean tlsChanged = !prev.tls().equals(next.tls());
        SSLContext ssl = tlsChanged ? TlsContexts.create(next.tls()) : null;
        current.set(ActiveBehaviour.next(current.get(), next, stats));
        stats.behaviourChanges.incrementAndGet();
        BackendLog.info("behaviour changed: " + changes(prev.toJson(), next.toJson()));
        if (tlsChanged) {
            data.stop();
            data = dataServer(port, ssl);
            data.start();
        }
        effects.apply(next);
    }

    /** Only the sections that differ, so the log line says what the harness did. */
    private static String changes(ObjectNode before, ObjectNode after) {
        List<String> parts = new ArrayList<>();
        for (Iterator<String> it = after.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            JsonNode now = after.get(key);
            if (!now.equals(before.get(key))) {
                parts.add(key + "=" + now);
            }
        }
        return parts.isEmpty() ? "(no change)" : String.join(" ", parts);
    }

    public ObjectNode statsJson() {
        return stats.toJson(id, effects.balloonMib(), effects.burnThreads());
    }

    @Override
    public synchronized void close() {
        effects.close();
        if (control != null) {
            control.stop();
        }
        if (data != null) {
            data.stop();
        }
        worker.shutdownNow();
    }
}
