package dev.gauntlet.backend.server;

import dev.gauntlet.backend.config.BehaviourConfig;
import dev.gauntlet.backend.config.ConnectionFault;
import dev.gauntlet.backend.config.HealthConfig;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.SameThreadExecutor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The data port: the health endpoint and every other path.
 *
 * <pre>
 *  request ─► health path? ─► token? ─► flap/warm-up status ─► delay ─► answer
 *          └► data ─► capacity (admit | queue | reject) ─► delay (latency + service time + warm-up)
 *                    ─► release slot ─► warm-up failure | connection fault | injected error | normal answer
 * </pre>
 *
 * Delays never block a thread: the exchange is dispatched and resumed by an XNIO timer on its own
 * IO thread, so a backend with 5 ms latency serves hundreds of requests per second on two IO threads.
 *
 * <pre>{@code
 * Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(new DataHandler("api-0", behaviour, stats))
 * }</pre>
 */
public final class DataHandler implements HttpHandler {
    /** Every response carries it, so the client can attribute each answer to an endpoint. */
    public static final HttpString BACKEND_ID = new HttpString("x-backend-id");
    /** Declared body length of a broken response when the configured body is too small to cut in half. */
    static final int MIN_BROKEN_BODY = 1024;

    /**
     * The harness's measuring path: reads the whole request body, then answers {@code n} bytes at once, outside
     * the behaviour (no latency, errors, capacity or counters), so a probe through a Toxiproxy toxic sees
     * the toxic's effect and nothing else: the byte count at which limit_data cuts, the slicer's chunks,
     * the bandwidth. Under {@code /_control}, which no health path may use.
     */
    public static final String BYTES_PATH = "/_control/bytes";
    static final int MAX_PROBE_BYTES = 8 * 1024 * 1024;

    private final String id;
    private final Supplier<ActiveBehaviour> behaviour;
    private final Stats stats;

    public DataHandler(String id, Supplier<ActiveBehaviour> behaviour, Stats stats) {
        this.id = id;
        this.behaviour = behaviour;
        this.stats = stats;
    }

    @Override
    public void handleRequest(HttpServerExchange ex) {
        ActiveBehaviour b = behaviour.get();
        ex.getResponseHeaders().put(BACKEND_ID, id);
        // Everything below runs just after this call returns, on the same IO thread, with the exchange
        // dispatched: so any step may finish now or later (timer, queue) and only an explicit send ends it.
        if (ex.getRequestPath().equals(BYTES_PATH)) {
            bytes(ex);
        } else if (ex.getRequestPath().equals(b.config().health().path())) {
            ex.dispatch(SameThreadExecutor.INSTANCE, () -> health(ex, b));
        } else {
            ex.dispatch(SameThreadExecutor.INSTANCE, () -> data(ex, b));
        }
    }

    private void health(HttpServerExchange ex, ActiveBehaviour b) {
        stats.healthChecks.increment();
        HealthConfig h = b.config().health();
        long delay = h.latency().toNanos();
        int status;
        String body;
        String presented = h.requireHeader() == null ? null : ex.getRequestHeaders().getFirst(h.requireHeader());
        boolean authorised = h.requireHeader() == null
                || (presented != null && (h.requireValue() == null || h.requireValue().equals(presented)));
        if (!authorised) {
            status = 401;
            body = "unauthorized";
        } else {
            status = b.healthStatus();
            body = h.body();
            var w = b.config().warmup();
            if (w.includeHealth() && b.inWarmupNow()) {
                delay += w.latency().toNanos();
                if (w.status() != 0) {
                    status = w.status();
                    body = "warming up";
                }
            }
        }
        int finalStatus = status;
        ByteBuffer bytes = ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8));
        after(ex, delay, () -> send(ex, finalStatus, bytes));
    }

    private void data(HttpServerExchange ex, ActiveBehaviour b) {
        stats.received.increment();
        BehaviourConfig c = b.config();
        boolean warm = b.countIntoWarmup();
        if (!c.capacity().limited()) {
            process(ex, b, warm, false);
            return;
        }
        Runnable start = () -> ex.getIoThread().execute(() -> process(ex, b, warm, true));
        switch (b.limiter.admit(start)) {
            case ADMITTED -> process(ex, b, warm, true);
            case QUEUED -> { }
            case REJECTED -> {
                stats.rejected.increment();
                send(ex, c.capacity().rejectStatus(), ByteBuffer.wrap(bytes("overloaded")));
            }
        }
    }

    private void process(HttpServerExchange ex, ActiveBehaviour b, boolean warm, boolean holdsSlot) {
        BehaviourConfig c = b.config();
        stats.inFlight.incrementAndGet();
        long delay = b.latency.nextNanos() + c.capacity().serviceTime().toNanos()
                + (warm ? c.warmup().latency().toNanos() : 0);
        after(ex, delay, () -> {
            if (holdsSlot) {
                b.limiter.release();
            }
            stats.inFlight.decrementAndGet();
            finish(ex, b, warm);
        });
    }

    private void finish(HttpServerExchange ex, ActiveBehaviour b, boolean warm) {
        BehaviourConfig c = b.config();
        stats.served.increment();
        if (warm) {
            stats.warmupAffected.increment();
            if (c.warmup().status() != 0) {
                send(ex, c.warmup().status(), ByteBuffer.wrap(bytes("warming up")));
                return;
            }
        }
        if (b.drawConnectionFault()) {
            stats.connectionFaults.increment();
            breakConnection(ex, c.connection().fault(), Math.max(c.bodySize(), MIN_BROKEN_BODY));
            return;
        }
        if (b.drawError()) {
            stats.errorsInjected.increment();
            send(ex, c.errors().status(), ByteBuffer.wrap(bytes(c.errors().body())));
            return;
        }
        send(ex, c.status(), b.body());
    }

    /** Runs {@code then} on the exchange's IO thread after {@code delayNanos}, holding no thread meanwhile. */
    private static void after(HttpServerExchange ex, long delayNanos, Runnable then) {
        if (delayNanos <= 0) {
            then.run();
        } else {
            ex.getIoThread().executeAfter(then, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    private static void send(HttpServerExchange ex, int status, ByteBuffer body) {
        ex.setStatusCode(status);
        ex.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.remaining());
        ex.getResponseSender().send(body);
    }

    private void breakConnection(HttpServerExchange ex, ConnectionFault fault, int declaredLength) {
        if (fault == ConnectionFault.STOP_READING) {
            // Not answering keeps the HTTP/1.1 connection busy: Undertow reads nothing more from it
            // until this exchange ends, so the request body and any later bytes back up in the kernel.
            return;
        }
        // Blocking writes on a worker thread: these are rare fault paths, and blocking output flushes
        // exactly the half body before the connection is closed or left hanging.
        Runnable write = () -> {
            try {
                ex.startBlocking();
                ex.setStatusCode(200);
                ex.getResponseHeaders().put(Headers.CONTENT_LENGTH, declaredLength);
                byte[] half = new byte[declaredLength / 2];
                java.util.Arrays.fill(half, (byte) 'x');
                var out = ex.getOutputStream();
                out.write(half);
                out.flush();
            } catch (java.io.IOException clientWentAway) {
                // Nothing to break any more.
            }
            if (fault == ConnectionFault.CLOSE_MID_RESPONSE) {
                org.xnio.IoUtils.safeClose(ex.getConnection());
            }
        };
        ex.getConnection().getWorker().execute(write);
    }

    private static void bytes(HttpServerExchange ex) {
        String raw = ex.getQueryParameters().containsKey("n") ? ex.getQueryParameters().get("n").getFirst() : "0";
        int n;
        try {
            n = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 0 || n > MAX_PROBE_BYTES) {
            send(ex, 400, ByteBuffer.wrap(bytes(BYTES_PATH + ": n: " + raw + " (expected: 0-" + MAX_PROBE_BYTES + ")\n")));
            return;
        }
        byte[] body = new byte[n];
        java.util.Arrays.fill(body, (byte) 'x');
        ex.getRequestReceiver().receiveFullBytes((done, request) -> {
            done.getResponseHeaders().put(new HttpString("x-received-bytes"), request.length);
            send(done, 200, ByteBuffer.wrap(body));
        });
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
