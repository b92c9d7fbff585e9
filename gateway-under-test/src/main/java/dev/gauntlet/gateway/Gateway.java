package dev.gauntlet.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.gateway.admin.AdminHandler;
import dev.gauntlet.gateway.admin.AdminJson;
import dev.gauntlet.gateway.admin.EventHub;
import dev.gauntlet.gateway.config.ClusterConfig;
import dev.gauntlet.gateway.config.ConfigInvalidException;
import dev.gauntlet.gateway.config.ConfigJson;
import dev.gauntlet.gateway.config.ConfigLoader;
import dev.gauntlet.gateway.config.GatewayConfig;
import dev.gauntlet.gateway.health.ExecutorScheduler;
import dev.gauntlet.gateway.health.Prober;
import dev.gauntlet.gateway.health.Scheduler;
import dev.gauntlet.gateway.health.SocketProber;
import dev.gauntlet.gateway.health.TransitionReason;
import dev.gauntlet.gateway.proxy.GatewayProxyHandler;
import dev.gauntlet.gateway.upstream.Cluster;
import dev.gauntlet.gateway.upstream.Router;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.connector.ByteBufferPool;
import io.undertow.server.DefaultByteBufferPool;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.Options;

/**
 * The running gateway: clusters with their health checking, the proxy listener and the admin listener.
 * Tests construct it in-process; {@link GatewayMain} wraps it for the command line.
 *
 * <pre>{@code
 * try (Gateway gw = Gateway.start(ConfigLoader.load(path))) {
 *     int port = gw.port();          // proxy
 *     int admin = gw.adminPort();    // /admin/clusters, /admin/events, /admin/config, /metrics
 * }
 * }</pre>
 */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    private final Clock clock;
    private final Scheduler scheduler;
    private final Prober prober;
    private final List<AutoCloseable> owned = new ArrayList<>();
    private final Map<String, Cluster> clusters = new LinkedHashMap<>();
    private final EventHub hub;
    private final ClusterWiring wiring;
    private final GatewayMetrics metrics;
    private volatile GatewayConfig config;
    private volatile Router router;
    private Undertow proxy;
    private Undertow admin;

    private Gateway(GatewayConfig config, Clock clock, Scheduler scheduler, Prober prober) {
        this.config = config;
        this.clock = clock;
        this.scheduler = scheduler;
        this.prober = prober;
        this.hub = new EventHub(() -> List.copyOf(clusters.values()), () -> ConfigJson.toJson(this.config),
                () -> AdminJson.micros(clock.instant()));
        this.metrics = new GatewayMetrics(() -> List.copyOf(clusters.values()));
        this.wiring = new ClusterWiring(clock, scheduler, prober, hub, config.dns(), owned);
        this.wiring.metrics(metrics);
    }

    /** Starts with the real scheduler and prober, and CLOCK_MONOTONIC as the clock (stamps shared with the harness). */
    public static Gateway start(GatewayConfig config) {
        ExecutorScheduler scheduler = new ExecutorScheduler("health-timer");
        SocketProber prober = new SocketProber(TlsContexts::socketFactory);
        Gateway g = new Gateway(config, dev.gauntlet.gateway.health.MonotonicClock.INSTANCE, scheduler, prober);
        g.owned.add(scheduler);
        g.owned.add(prober);
        return g.run();
    }

    private Gateway run() {
        hub.addListener(e -> {
            Cluster c = clusters.get(e.cluster());
            if (c != null) {
                c.refresh();
            }
        });
        hub.addListener(metrics::onTransition);
        ByteBufferPool buffers = new DefaultByteBufferPool(true, 16 * 1024, 1024, 8);
        for (ClusterConfig cc : config.clusters()) {
            clusters.put(cc.name(), wiring.build(cc, buffers));
        }
        router = new Router(config.routes(), clusters);
        AccessLog accessLog = AccessLog.toStderr(() -> config.accessLog().enabled());
        owned.add(accessLog);
        GatewayProxyHandler handler = new GatewayProxyHandler(() -> router, metrics.observer(accessLog, new PassiveHealthFeed()),
                () -> config.maxRequestBodyBytes());
        int ioThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
        proxy = Undertow.builder()
                .addHttpListener(config.listen().port(), config.listen().host())
                .setIoThreads(ioThreads)
                .setWorkerThreads(2)
                .setByteBufferPool(buffers)
                .setServerOption(UndertowOptions.ALWAYS_SET_DATE, true)
                .setServerOption(UndertowOptions.MAX_HEADER_SIZE, 64 * 1024)
                .setSocketOption(Options.BACKLOG, 4096)
                .setSocketOption(Options.REUSE_ADDRESSES, true)
                .setHandler(handler)
                .build();
        proxy.start();
        AdminHandler adminHandler = new AdminHandler(config.admin().token(),
                () -> AdminJson.clusters(clusters.values()), hub, new ConfigApiImpl(), metrics::scrape);
        admin = Undertow.builder()
                .addHttpListener(config.admin().port(), config.admin().host())
                .setIoThreads(1)
                .setWorkerThreads(2)
                .setHandler(adminHandler)
                .build();
        admin.start();
        warnIfAdminIsExposed();
        wiring.startChecks(clusters.values());
        return this;
    }

    public int port() {
        return ((InetSocketAddress) proxy.getListenerInfo().get(0).getAddress()).getPort();
    }

    public int adminPort() {
        return adminAddress().getPort();
    }

    /** The admin listener's bound address ({@code 0.0.0.0} = every interface, with {@code admin.allowNonLoopback}). */
    public InetSocketAddress adminAddress() {
        return (InetSocketAddress) admin.getListenerInfo().get(0).getAddress();
    }

    /** One line at start-up: an admin API reachable from other hosts and with no token lets anyone change the config. */
    private void warnIfAdminIsExposed() {
        InetSocketAddress bound = adminAddress();
        if (config.admin().token() == null && !bound.getAddress().isLoopbackAddress()) {
            LOG.warn("admin API bound beyond loopback on {}:{} without a bearer token (admin.token): anyone who can"
                    + " reach it can read and change the config", config.admin().host(), bound.getPort());
        }
    }

    public GatewayConfig config() {
        return config;
    }

    public Map<String, Cluster> clusters() {
        return clusters;
    }

    /** The contract's ready line. */
    public String readyLine() {
        return "{\"event\":\"ready\",\"port\":" + port() + ",\"admin_port\":" + adminPort() + ",\"pid\":"
                + ProcessHandle.current().pid() + "}";
    }

    @Override
    public void close() {
        wiring.stop(clusters.values());
        if (proxy != null) {
            proxy.stop();
        }
        if (admin != null) {
            admin.stop();
        }
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception ignored) {
                // Shutting down: nothing useful to do with a failure to close.
            }
        }
    }

    /** Turns each upstream try into an outlier-detection outcome for its cluster. */
    private static final class PassiveHealthFeed implements dev.gauntlet.gateway.proxy.ProxyObserver {
        @Override
        public void attemptEnded(Cluster cluster, dev.gauntlet.gateway.upstream.Endpoint endpoint,
                                 dev.gauntlet.gateway.proxy.AttemptResult result, int status) {
            dev.gauntlet.gateway.health.PassiveOutcome o = switch (result) {
                case SUCCESS -> dev.gauntlet.gateway.health.PassiveOutcome.SUCCESS;
                case STATUS_5XX -> dev.gauntlet.gateway.health.PassiveOutcome.ofStatus(status);
                default -> dev.gauntlet.gateway.health.PassiveOutcome.LOCAL_FAILURE;
            };
            cluster.outlier().record(endpoint.health(), o);
        }
    }

    /** Run-time config changes: only per-cluster policies may change; the rest needs a restart. */
    private final class ConfigApiImpl implements AdminHandler.ConfigApi {
        @Override
        public JsonNode current() {
            return ConfigJson.toJson(config);
        }

        @Override
        public synchronized JsonNode apply(JsonNode patch) {
            ObjectNode base = ConfigJson.toJson(config);
            base.with("admin").put("token", config.admin().token());
            if (patch.path("admin").path("token").asText("").equals("***")) {
                // A document read from GET /admin/config and sent back: the mask means "unchanged".
                patch = patch.deepCopy();
                ((ObjectNode) patch.get("admin")).remove("token");
            }
            GatewayConfig next = ConfigLoader.fromTree(ConfigJson.merge(base, patch));
            unchanged("listen", config.listen(), next.listen());
            unchanged("admin", config.admin(), next.admin());
            unchanged("accessLog", config.accessLog(), next.accessLog());
            unchanged("dns", config.dns(), next.dns());
            if (next.clusters().size() != config.clusters().size()) {
                throw new ConfigInvalidException("clusters", next.clusters().size() + " clusters",
                        "the same " + config.clusters().size() + " clusters (restart to add or remove)");
            }
            for (int i = 0; i < next.clusters().size(); i++) {
                ClusterConfig a = config.clusters().get(i);
                ClusterConfig b = next.clusters().get(i);
                unchanged("clusters[" + i + "].name", a.name(), b.name());
                if (a.dnsEndpoints() != null || b.dnsEndpoints() != null) {
                    unchanged("clusters[" + i + "].endpoints", a.endpoints(), b.endpoints());
                }
                unchanged("clusters[" + i + "].dnsEndpoints", a.dnsEndpoints(), b.dnsEndpoints());
                unchanged("clusters[" + i + "].tls", a.tls(), b.tls());
            }
            config = next;
            for (ClusterConfig cc : next.clusters()) {
                Cluster c = clusters.get(cc.name());
                c.config(cc);
                if (cc.dnsEndpoints() == null) {
                    // Static endpoints may change at run time (weights to 0, one more or fewer endpoint).
                    wiring.reconcile(c, cc.endpoints(), TransitionReason.CONFIG_ADDED, TransitionReason.CONFIG_REMOVED);
                }
            }
            router = new Router(next.routes(), clusters);
            JsonNode effective = ConfigJson.toJson(next);
            hub.onConfig(effective, "admin_put"); // the observer's config history: bounds change with it
            return effective;
        }

        private void unchanged(String path, Object a, Object b) {
            if (!Objects.equals(a, b)) {
                throw new ConfigInvalidException(path, "changed", "unchanged at run time (restart to change it)");
            }
        }
    }
}
