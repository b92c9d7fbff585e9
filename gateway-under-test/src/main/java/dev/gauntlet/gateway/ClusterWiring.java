package dev.gauntlet.gateway;

import dev.gauntlet.gateway.admin.EventHub;
import dev.gauntlet.gateway.config.ClusterConfig;
import dev.gauntlet.gateway.config.DnsConfig;
import dev.gauntlet.gateway.config.EndpointConfig;
import dev.gauntlet.gateway.dns.DnsLookup;
import dev.gauntlet.gateway.dns.DnsRefresher;
import dev.gauntlet.gateway.dns.DnsjavaLookup;
import dev.gauntlet.gateway.health.ActiveHealthChecker;
import dev.gauntlet.gateway.health.EndpointHealth;
import dev.gauntlet.gateway.health.EndpointState;
import dev.gauntlet.gateway.health.OutlierDetector;
import dev.gauntlet.gateway.health.Prober;
import dev.gauntlet.gateway.health.TransitionReason;
import dev.gauntlet.gateway.health.Scheduler;
import dev.gauntlet.gateway.proxy.ConnectionPool;
import dev.gauntlet.gateway.upstream.Cluster;
import dev.gauntlet.gateway.upstream.Endpoint;
import io.undertow.UndertowOptions;
import io.undertow.connector.ByteBufferPool;
import io.undertow.protocols.ssl.UndertowXnioSsl;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.ssl.XnioSsl;

/**
 * Builds each cluster with every piece attached (health state machine, active checker, outlier detector,
 * connection pool, metrics, DNS refresher) so no caller can forget one. Package-private: {@link Gateway} is its only user.
 */
final class ClusterWiring {
    private final Clock clock;
    private final Scheduler scheduler;
    private final Prober prober;
    private final EventHub hub;
    private final DnsConfig dns;
    private final List<AutoCloseable> owned;
    private GatewayMetrics metrics;
    private final java.util.Map<Cluster, DnsRefresher> refreshers = new java.util.concurrent.ConcurrentHashMap<>();
    private java.util.concurrent.ExecutorService dnsExecutor;
    private ByteBufferPool buffers;
    /** Replaced in tests to answer without a DNS server. */
    java.util.function.Function<DnsConfig, DnsLookup> lookupFactory =
            d -> DnsjavaLookup.create(d.server(), d.timeout());

    ClusterWiring(Clock clock, Scheduler scheduler, Prober prober, EventHub hub, DnsConfig dns,
                  List<AutoCloseable> owned) {
        this.clock = clock;
        this.scheduler = scheduler;
        this.prober = prober;
        this.hub = hub;
        this.dns = dns;
        this.owned = owned;
    }

    void metrics(GatewayMetrics m) {
        this.metrics = m;
    }

    Cluster build(ClusterConfig cc, ByteBufferPool buffers) {
        this.buffers = buffers;
        Cluster cluster = new Cluster(cc, clock);
        List<Endpoint> eps = new ArrayList<>();
        for (EndpointConfig ec : cc.endpoints()) {
            eps.add(endpoint(cluster, ec.name(), ec.host(), ec.port(), ec.address(), ec.weight(), buffers,
                    EndpointState.HEALTHY));
        }
        cluster.setEndpoints(eps);
        cluster.outlier(new OutlierDetector(() -> cluster.config().outlierDetection(),
                () -> cluster.endpoints().stream().map(Endpoint::health).toList(), clock, scheduler,
                ThreadLocalRandom.current()));
        if (metrics != null) {
            metrics.registerCluster(cluster);
        }
        if (cc.dnsEndpoints() != null) {
            if (dnsExecutor == null) {
                dnsExecutor = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "dns");
                    t.setDaemon(true);
                    return t;
                });
                owned.add(dnsExecutor::shutdownNow);
            }
            refreshers.put(cluster, new DnsRefresher(cc.dnsEndpoints().hostname(), lookupFactory.apply(dns), dns,
                    scheduler, dnsExecutor, ips -> applyAddresses(cluster, ips)));
        }
        return cluster;
    }

    /** Makes a DNS cluster's endpoints match an answer; each address is an endpoint named {@code ip:port}. */
    void applyAddresses(Cluster cluster, List<String> ips) {
        ClusterConfig cc = cluster.config();
        int port = cc.dnsEndpoints().port();
        List<EndpointConfig> wanted = new ArrayList<>();
        for (String ip : ips) {
            String address = (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port;
            wanted.add(new EndpointConfig(address, address, cc.dnsEndpoints().weight()));
        }
        reconcile(cluster, wanted, TransitionReason.DNS_ADDED, TransitionReason.DNS_REMOVED);
    }

    /**
     * Makes the cluster's endpoints match {@code wanted} (matched by name and address): endpoints that stay
     * keep their health state, counters and connections (their weight is updated); new ones start healthy
     * ({@code absent → healthy}); gone ones go {@code → absent}.
     */
    synchronized void reconcile(Cluster cluster, List<EndpointConfig> wanted, TransitionReason addReason,
                                TransitionReason removeReason) {
        java.util.Map<String, Endpoint> old = new java.util.LinkedHashMap<>();
        for (Endpoint e : cluster.endpoints()) {
            old.put(e.name() + "@" + e.address(), e);
        }
        List<Endpoint> next = new ArrayList<>();
        List<Endpoint> added = new ArrayList<>();
        for (EndpointConfig ec : wanted) {
            Endpoint e = old.remove(ec.name() + "@" + ec.address());
            if (e == null) {
                e = endpoint(cluster, ec.name(), ec.host(), ec.port(), ec.address(), ec.weight(), buffers,
                        EndpointState.ABSENT);
                added.add(e);
            } else {
                e.weight(ec.weight());
            }
            next.add(e);
        }
        cluster.setEndpoints(next);
        for (Endpoint e : added) {
            e.health().onAdded(addReason);
            e.checker().start();
        }
        for (Endpoint gone : old.values()) {
            gone.checker().stop();
            ((ConnectionPool) gone.attachment()).close();
            gone.health().onRemoved(removeReason);
            cluster.outlier().forget(gone.health());
            if (metrics != null) {
                metrics.unregisterEndpoint(gone);
            }
        }
    }

    Endpoint endpoint(Cluster cluster, String name, String host, int port, String address, int weight,
                      ByteBufferPool buffers, EndpointState initial) {
        ClusterConfig cc = cluster.config();
        EndpointHealth health = new EndpointHealth(cluster.name(), name, address, clock, hub, initial);
        Endpoint ep = new Endpoint(name, host, port, weight, health);
        boolean tls = cc.tls().enabled();
        String uriHost = host.contains(":") ? "[" + host + "]" : host;
        URI uri = URI.create((tls ? "https://" : "http://") + uriHost + ":" + port);
        XnioSsl ssl = tls ? new UndertowXnioSsl(Xnio.getInstance(), OptionMap.EMPTY,
                TlsContexts.context(cc.tls().verify())) : null;
        OptionMap.Builder ob = OptionMap.builder()
                .set(Options.TCP_NODELAY, true)
                .set(UndertowOptions.ENABLE_HTTP2, false);
        if (tls && cc.tls().sni() != null) {
            ob.set(UndertowOptions.SSL_SNI_HOSTNAME, cc.tls().sni());
        }
        OptionMap options = ob.getMap();
        ep.attachment(new ConnectionPool(uri, buffers, options, ssl, cluster.openConnections,
                () -> cluster.config().circuitBreakers().maxConnections()));
        Prober.ProbeTarget target = new Prober.ProbeTarget(host, port, tls, cc.tls().sni(), cc.tls().verify());
        ep.checker(new ActiveHealthChecker(health, target, () -> cluster.config().healthCheck(), prober, scheduler,
                ThreadLocalRandom.current()));
        if (metrics != null) {
            metrics.registerEndpoint(cluster, ep);
        }
        return ep;
    }

    void startChecks(Collection<Cluster> clusters) {
        refreshers.values().forEach(DnsRefresher::start);
        for (Cluster c : clusters) {
            for (Endpoint e : c.endpoints()) {
                e.checker().start();
            }
        }
    }

    void stop(Collection<Cluster> clusters) {
        refreshers.values().forEach(DnsRefresher::stop);
        for (Cluster c : clusters) {
            for (Endpoint e : c.endpoints()) {
                e.checker().stop();
                ((ConnectionPool) e.attachment()).close();
            }
        }
    }
}
