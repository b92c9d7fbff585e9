package dev.gauntlet.gateway.dns;

import dev.gauntlet.gateway.config.DnsConfig;
import dev.gauntlet.gateway.health.Scheduler;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one cluster's endpoint addresses in step with a DNS name (Envoy's STRICT_DNS, with a floor).
 * Resolves at start; then again after the answer's TTL clamped to [ttlFloor, ttlMax]. A failed query
 * keeps the last addresses (stale-on-error) and is retried after {@code errorRetry}; a name that does
 * not resolve yet simply leaves the cluster empty until it does.
 *
 * <pre>{@code
 * DnsRefresher r = new DnsRefresher("api.test", lookup, dnsConfig, scheduler, dnsExecutor, wiring::apply);
 * r.start();
 * }</pre>
 */
public final class DnsRefresher {
    private static final Logger LOG = LoggerFactory.getLogger(DnsRefresher.class);
    private final String hostname;
    private final DnsLookup lookup;
    private final DnsConfig config;
    private final Scheduler scheduler;
    private final Executor executor;
    private final Consumer<List<String>> onAddresses;
    private volatile boolean running;
    private volatile Scheduler.Cancellable pending;
    private volatile List<String> current;

    public DnsRefresher(String hostname, DnsLookup lookup, DnsConfig config, Scheduler scheduler, Executor executor,
                        Consumer<List<String>> onAddresses) {
        this.hostname = hostname;
        this.lookup = lookup;
        this.config = config;
        this.scheduler = scheduler;
        this.executor = executor;
        this.onAddresses = onAddresses;
    }

    public void start() {
        running = true;
        executor.execute(this::refresh);
    }

    public void stop() {
        running = false;
        Scheduler.Cancellable p = pending;
        if (p != null) {
            p.cancel();
        }
    }

    /** The addresses last applied; null before the first answer. */
    public List<String> current() {
        return current;
    }

    private void refresh() {
        if (!running) {
            return;
        }
        Duration next;
        try {
            DnsLookup.Answer a = lookup.resolve(hostname);
            if (!a.addresses().equals(current)) {
                current = a.addresses();
                onAddresses.accept(a.addresses());
            }
            next = clamp(a.ttl());
        } catch (IOException | RuntimeException e) {
            LOG.warn("dns {}: {} (keeping {})", hostname, e.getMessage(), current);
            next = config.errorRetry();
        }
        if (running) {
            pending = scheduler.schedule(next, () -> executor.execute(this::refresh));
        }
    }

    private Duration clamp(Duration ttl) {
        if (ttl.compareTo(config.ttlFloor()) < 0) {
            return config.ttlFloor();
        }
        return ttl.compareTo(config.ttlMax()) > 0 ? config.ttlMax() : ttl;
    }
}
