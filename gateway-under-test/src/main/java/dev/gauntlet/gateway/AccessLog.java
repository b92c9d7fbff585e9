package dev.gauntlet.gateway;

import dev.gauntlet.gateway.proxy.ProxyObserver;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * One line per finished request on stderr:
 * {@code 2026-01-01T10:00:00.123Z access GET /api/items 200 - api api-1 attempts=1 2.310ms from=127.0.0.1}
 * ({@code -} = no flag / no endpoint). The I/O thread only enqueues the record; a writer thread formats
 * and writes in batches, flushing whenever the queue runs dry, so a line appears at once when idle and
 * costs one syscall per batch under load. A full queue drops lines (counted) rather than slow the proxy.
 *
 * <pre>{@code
 * AccessLog log = AccessLog.toStderr(() -> config.accessLog().enabled());
 * log.log(record);
 * }</pre>
 */
public final class AccessLog implements AutoCloseable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT.withZone(ZoneOffset.UTC);
    private static final ProxyObserver.RequestRecord STOP =
            new ProxyObserver.RequestRecord("", "", "", null, 0, null, null, 0, 0, 0);
    private final BooleanSupplier enabled;
    private final BlockingQueue<ProxyObserver.RequestRecord> queue = new ArrayBlockingQueue<>(16_384);
    private final AtomicLong dropped = new AtomicLong();
    private final Writer out;
    private final Thread writer;

    public AccessLog(BooleanSupplier enabled, OutputStream sink) {
        this.enabled = enabled;
        this.out = new OutputStreamWriter(sink, StandardCharsets.UTF_8);
        this.writer = new Thread(this::drain, "access-log");
        writer.setDaemon(true);
        writer.start();
    }

    public static AccessLog toStderr(BooleanSupplier enabled) {
        return new AccessLog(enabled, new FileOutputStream(FileDescriptor.err));
    }

    public void log(ProxyObserver.RequestRecord r) {
        if (enabled.getAsBoolean() && !queue.offer(r)) {
            dropped.incrementAndGet();
        }
    }

    public long dropped() {
        return dropped.get();
    }

    private void drain() {
        List<ProxyObserver.RequestRecord> batch = new ArrayList<>(256);
        StringBuilder sb = new StringBuilder(256);
        try {
            while (true) {
                ProxyObserver.RequestRecord first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, 1023);
                for (ProxyObserver.RequestRecord r : batch) {
                    if (r == STOP) {
                        out.flush();
                        return;
                    }
                    sb.setLength(0);
                    format(r, sb);
                    out.write(sb.toString());
                }
                batch.clear();
                if (queue.isEmpty()) {
                    out.flush();
                }
            }
        } catch (InterruptedException | IOException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void format(ProxyObserver.RequestRecord r, StringBuilder sb) {
        TIME.formatTo(Instant.ofEpochMilli(r.startMillis()), sb);
        sb.append(" access ").append(r.method()).append(' ').append(r.path()).append(' ').append(r.status())
                .append(' ').append(r.flag() == null ? "-" : r.flag())
                .append(' ').append(r.cluster() == null ? "-" : r.cluster().name())
                .append(' ').append(r.served() == null ? "-" : r.served().name())
                .append(" attempts=").append(r.attempts()).append(' ');
        long micros = r.durationNanos() / 1000;
        long frac = micros % 1000;
        sb.append(micros / 1000).append('.').append(frac < 10 ? "00" : frac < 100 ? "0" : "").append(frac)
                .append("ms from=").append(r.remote()).append('\n');
    }

    @Override
    public void close() {
        queue.offer(STOP);
        try {
            writer.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
