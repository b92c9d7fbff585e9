package dev.gauntlet.gateway.upstream;

import dev.gauntlet.gateway.config.ClusterConfig;
import dev.gauntlet.gateway.health.EndpointState;
import dev.gauntlet.gateway.health.OutlierDetector;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A cluster at run time: the current endpoint set, its config (swappable at run time), the balancer and
 * the breaker counters. Selection reads a precomputed {@link Selection} that is rebuilt whenever an
 * endpoint changes state, so the hot path neither locks nor allocates.
 *
 * <pre>{@code
 * Cluster api = new Cluster(config, clock);
 * api.setEndpoints(List.of(ep0, ep1));
 * Pick p = api.pick(tried::contains);   // null endpoint + noHealthy() = NHU
 * }</pre>
 */
public final class Cluster {
    private final String name;
    private final Clock clock;
    private volatile ClusterConfig config;
    private volatile LoadBalancer balancer;
    private volatile List<Endpoint> endpoints = List.of();
    private volatile OutlierDetector outlier;
    private volatile Selection selection = new Selection(new Endpoint[0], new Endpoint[0], false);

    /** Breaker gauges: requests in flight, pending connects, open connections, retries in flight. */
    public final AtomicInteger activeRequests = new AtomicInteger();
    public final AtomicInteger pendingRequests = new AtomicInteger();
    public final AtomicInteger openConnections = new AtomicInteger();
    public final AtomicInteger activeRetries = new AtomicInteger();

    public Cluster(ClusterConfig config, Clock clock) {
        this.name = config.name();
        this.clock = clock;
        this.config = config;
        this.balancer = LoadBalancer.of(config.loadBalancing());
    }

    /** The cluster's passive outlier detector (attached at wiring). */
    public OutlierDetector outlier() {
        return outlier;
    }

    public void outlier(OutlierDetector d) {
        this.outlier = d;
    }

    public String name() {
        return name;
    }

    public ClusterConfig config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    /** Swaps the config (run-time change); a new balancing policy replaces the balancer. */
    public void config(ClusterConfig c) {
        boolean newLb = c.loadBalancing() != config.loadBalancing();
        this.config = c;
        if (newLb) {
            this.balancer = LoadBalancer.of(c.loadBalancing());
        }
        refresh();
    }

    public List<Endpoint> endpoints() {
        return endpoints;
    }

    public synchronized void setEndpoints(List<Endpoint> list) {
        this.endpoints = List.copyOf(list);
        refresh();
    }

    /** Recomputes the selection; called on every transition of one of this cluster's endpoints. */
    public synchronized void refresh() {
        List<Endpoint> eligible = new ArrayList<>();
        List<Endpoint> usable = new ArrayList<>();
        for (Endpoint e : endpoints) {
            if (e.weight() <= 0 || e.health().state() == EndpointState.ABSENT) {
                continue;
            }
            eligible.add(e);
            if (e.usable()) {
                usable.add(e);
            }
        }
        int threshold = config.panicThreshold();
        // Panic (Envoy): too few usable endpoints left, so spread over all rather than overload the rest.
        // With none usable at all we answer NHU instead, as the contract defines it.
        boolean panic = threshold > 0 && !usable.isEmpty() && usable.size() * 100 < threshold * eligible.size();
        selection = new Selection(eligible.toArray(new Endpoint[0]), usable.toArray(new Endpoint[0]), panic);
    }

    /**
     * Chooses an endpoint for one try. Returns null when no endpoint is usable (NHU) or when every
     * candidate was already tried.
     */
    public Endpoint pick(Predicate<Endpoint> excluded) {
        Selection s = selection;
        if (s.usable.length == 0) {
            return null;
        }
        Endpoint[] candidates = s.panic ? s.eligible : s.usable;
        ClusterConfig c = config;
        java.time.Instant now = c.slowStart().enabled() ? clock.instant() : null;
        return balancer.choose(candidates,
                now == null ? Endpoint::weight : e -> e.effectiveWeight(now, c.slowStart()), excluded);
    }

    /** True when no endpoint is usable: a request now gets NHU. */
    public boolean noHealthy() {
        return selection.usable.length == 0;
    }

    public boolean panic() {
        return selection.panic;
    }

    public int usableCount() {
        return selection.usable.length;
    }

    public int eligibleCount() {
        return selection.eligible.length;
    }

    private record Selection(Endpoint[] eligible, Endpoint[] usable, boolean panic) {
    }
}
