package dev.gauntlet.gateway;

import dev.gauntlet.gateway.health.TransitionEvent;
import dev.gauntlet.gateway.health.TransitionReason;
import dev.gauntlet.gateway.proxy.AttemptResult;
import dev.gauntlet.gateway.proxy.ProxyObserver;
import dev.gauntlet.gateway.upstream.Cluster;
import dev.gauntlet.gateway.upstream.Endpoint;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Prometheus metrics ({@code GET /metrics}): requests by cluster/flag/status class, upstream attempts
 * by endpoint and result, ejections, transitions, active-check results and usable endpoints per cluster.
 * Counters are cached by key so the data path does one map lookup per increment.
 *
 * <pre>{@code
 * GatewayMetrics m = new GatewayMetrics(() -> clusters);
 * ProxyObserver o = m.observer(accessLog);
 * String text = m.scrape();
 * }</pre>
 */
public final class GatewayMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<Endpoint, List<Meter>> endpointMeters = new ConcurrentHashMap<>();
    private final Map<Endpoint, Counter[]> attemptCounters = new ConcurrentHashMap<>();
    private final Map<Object, Counter[]> requestCounters = new ConcurrentHashMap<>();
    private static final Object NO_CLUSTER = new Object();
    /** "-" = no flag; unknown flags are counted as "-". */
    private static final List<String> FLAGS = List.of("-", "UH", "UF", "UO", "UT", "URX", "NR");

    public GatewayMetrics(Supplier<List<Cluster>> clusters) {
        this.clusters = clusters;
    }

    private final Supplier<List<Cluster>> clusters;

    /** Registers the per-cluster gauges. */
    public void registerCluster(Cluster c) {
        Gauge.builder("gauntlet_healthy_endpoints", c, Cluster::usableCount).tag("cluster", c.name())
                .description("endpoints currently usable").register(registry);
        Gauge.builder("gauntlet_endpoints", c, Cluster::eligibleCount).tag("cluster", c.name()).register(registry);
        Gauge.builder("gauntlet_panic", c, x -> x.panic() ? 1 : 0).tag("cluster", c.name()).register(registry);
        Gauge.builder("gauntlet_active_requests", c, x -> x.activeRequests.get()).tag("cluster", c.name()).register(registry);
        Gauge.builder("gauntlet_open_connections", c, x -> x.openConnections.get()).tag("cluster", c.name()).register(registry);
    }

    /** Registers the check counters of one endpoint (removed again with {@link #unregisterEndpoint}). */
    public void registerEndpoint(Cluster c, Endpoint e) {
        Meter total = FunctionCounter.builder("gauntlet_health_checks", e, x -> x.health().checks())
                .tags("cluster", c.name(), "endpoint", e.name(), "result", "any").register(registry);
        Meter failed = FunctionCounter.builder("gauntlet_health_checks", e, x -> x.health().checkFailures())
                .tags("cluster", c.name(), "endpoint", e.name(), "result", "failure").register(registry);
        Meter usable = Gauge.builder("gauntlet_endpoint_usable", e, x -> x.usable() ? 1 : 0)
                .tags("cluster", c.name(), "endpoint", e.name()).register(registry);
        endpointMeters.put(e, List.of(total, failed, usable));
    }

    public void unregisterEndpoint(Endpoint e) {
        attemptCounters.remove(e);
        List<Meter> meters = endpointMeters.remove(e);
        if (meters != null) {
            meters.forEach(registry::remove);
        }
    }

    void onTransition(TransitionEvent e) {
        counter("gauntlet_transitions_total", "cluster", e.cluster(), "endpoint", e.endpoint(), "to", e.to().id(),
                "reason", e.reason().id()).increment();
        if (e.reason() == TransitionReason.OUTLIER_EJECTED) {
            counter("gauntlet_ejections_total", "cluster", e.cluster(), "endpoint", e.endpoint()).increment();
        }
    }

    /** The observer the proxy reports to: {@code first} (passive health), then metrics and the access log. */
    public ProxyObserver observer(AccessLog accessLog, ProxyObserver first) {
        return new ProxyObserver() {
            @Override
            public void attemptEnded(Cluster cluster, Endpoint endpoint, AttemptResult result, int status) {
                first.attemptEnded(cluster, endpoint, result, status);
                Counter[] byResult = attemptCounters.get(endpoint);
                if (byResult == null) {
                    byResult = attemptCounters.computeIfAbsent(endpoint, e -> {
                        Counter[] a = new Counter[AttemptResult.values().length];
                        for (AttemptResult r : AttemptResult.values()) {
                            a[r.ordinal()] = counter("gauntlet_upstream_attempts_total", "cluster", cluster.name(),
                                    "endpoint", e.name(), "result", r.id());
                        }
                        return a;
                    });
                }
                byResult[result.ordinal()].increment();
            }

            @Override
            public void requestEnded(RequestRecord r) {
                requestCounter(r).increment();
                timer(r.cluster() == null ? "-" : r.cluster().name()).record(r.durationNanos(), TimeUnit.NANOSECONDS);
                accessLog.log(r);
            }
        };
    }

    /** One counter per (cluster, flag, status class), found without building a string key. */
    private Counter requestCounter(ProxyObserver.RequestRecord r) {
        Object key = r.cluster() == null ? NO_CLUSTER : r.cluster();
        Counter[] slots = requestCounters.computeIfAbsent(key, k -> new Counter[FLAGS.size() * 6]);
        int flag = r.flag() == null ? 0 : Math.max(0, FLAGS.indexOf(r.flag()));
        int cls = Math.min(5, Math.max(0, r.status() / 100));
        int i = flag * 6 + cls;
        Counter c = slots[i];
        if (c == null) {
            c = counter("gauntlet_requests_total", "cluster", r.cluster() == null ? "-" : r.cluster().name(),
                    "flag", FLAGS.get(flag), "status", cls + "xx");
            slots[i] = c;
        }
        return c;
    }

    private Counter counter(String name, String... tags) {
        String key = name + String.join("\u0000", tags);
        Counter c = counters.get(key);
        if (c == null) {
            c = counters.computeIfAbsent(key, k -> Counter.builder(name.replace("_total", "")).tags(tags).register(registry));
        }
        return c;
    }

    private Timer timer(String cluster) {
        Timer t = timers.get(cluster);
        if (t == null) {
            t = timers.computeIfAbsent(cluster, k -> Timer.builder("gauntlet_request_duration").tag("cluster", k)
                    .register(registry));
        }
        return t;
    }

    public String scrape() {
        return registry.scrape();
    }
}
