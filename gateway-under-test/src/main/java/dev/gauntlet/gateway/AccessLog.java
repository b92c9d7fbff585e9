package dev.gauntlet.gateway;

import dev.gauntlet.gateway.proxy.ProxyObserver;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per finished request on the {@code access} logger (an asynchronous, never-blocking appender
 * in logback.xml, so a slow disk cannot slow the data path):
 * {@code GET /api/items 200 - api api-1 attempts=1 2.31ms from=127.0.0.1}.
 *
 * <pre>{@code new AccessLog(() -> config.accessLog().enabled()).log(record);}</pre>
 */
public final class AccessLog {
    private static final Logger LOG = LoggerFactory.getLogger("access");
    private final BooleanSupplier enabled;

    public AccessLog(BooleanSupplier enabled) {
        this.enabled = enabled;
    }

    /** "12.345" without String.format, which costs more than the rest of the line on the I/O thread. */
    static String millis(long nanos) {
        long micros = nanos / 1000;
        long frac = micros % 1000;
        return (micros / 1000) + (frac < 10 ? ".00" : frac < 100 ? ".0" : ".") + frac;
    }

    public void log(ProxyObserver.RequestRecord r) {
        if (!enabled.getAsBoolean() || !LOG.isInfoEnabled()) {
            return;
        }
        LOG.info("{} {} {} {} {} {} attempts={} {}ms from={}", r.method(), r.path(), r.status(),
                r.flag() == null ? "-" : r.flag(), r.cluster() == null ? "-" : r.cluster().name(),
                r.served() == null ? "-" : r.served().name(), r.attempts(),
                millis(r.durationNanos()), r.remote());
    }
}
