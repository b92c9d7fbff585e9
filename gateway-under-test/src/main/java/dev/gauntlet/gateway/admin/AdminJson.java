package dev.gauntlet.gateway.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.gateway.health.EndpointHealth;
import dev.gauntlet.gateway.health.Mechanism;
import dev.gauntlet.gateway.health.TransitionEvent;
import dev.gauntlet.gateway.upstream.Cluster;
import dev.gauntlet.gateway.upstream.Endpoint;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;

/**
 * The admin API's output documents (snake_case, per CONTRACTS.md): cluster status, SSE snapshot and
 * transition events. Fields beyond the contract's are additions, never changes.
 *
 * <pre>{@code String line = AdminJson.transition(event).toString();}</pre>
 */
public final class AdminJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private AdminJson() {
    }

    public static ObjectNode clusters(Collection<Cluster> clusters) {
        ObjectNode root = F.objectNode();
        ArrayNode list = root.putArray("clusters");
        for (Cluster c : clusters) {
            ObjectNode cn = list.addObject().put("name", c.name());
            ArrayNode eps = cn.putArray("endpoints");
            for (Endpoint e : c.endpoints()) {
                eps.add(endpoint(c, e));
            }
            cn.put("usable_endpoints", c.usableCount()).put("panic", c.panic()).put("no_healthy_upstream", c.noHealthy())
                    .put("active_requests", c.activeRequests.get()).put("open_connections", c.openConnections.get());
        }
        return root;
    }

    static ObjectNode endpoint(Cluster c, Endpoint e) {
        EndpointHealth.Snapshot s = e.health().snapshot();
        ObjectNode n = F.objectNode().put("name", e.name()).put("address", e.address()).put("state", s.state().id())
                .put("usable", s.state().usable());
        ArrayNode flags = n.putArray("flags");
        s.flags().forEach(flags::add);
        Clock clock = c.clock();
        double fraction = e.slowStartFraction(clock.instant(), c.config().slowStart());
        if (fraction < 1.0) {
            flags.add("slow_start");
        }
        n.put("weight", e.weight()).put("last_change_us", s.lastChangeMicros()).put("checks", s.checks())
                .put("check_failures", s.checkFailures()).put("effective_weight", e.weight() * fraction)
                .put("active_requests", e.active.get()).put("attempts", e.attempts.get())
                .put("failures", e.failures.get()).put("ejections", e.health().ejections());
        return n;
    }

    public static ObjectNode snapshot(Cluster c, Endpoint e) {
        ObjectNode n = F.objectNode().put("t_us", micros(c.clock().instant())).put("cluster", c.name())
                .put("endpoint", e.name());
        n.setAll(endpoint(c, e));
        n.remove("name");
        // what holds an unusable endpoint out at connect, so a snapshot taken mid-fault still says which mechanism
        switch (e.health().state()) {
            case UNHEALTHY -> n.put("mechanism", Mechanism.ACTIVE_CHECK.id());
            case EJECTED -> n.put("mechanism", Mechanism.OUTLIER_EJECTION.id());
            default -> {
            }
        }
        return n;
    }

    public static ObjectNode transition(TransitionEvent e) {
        ObjectNode n = F.objectNode().put("t_us", e.tMicros()).put("cluster", e.cluster()).put("endpoint", e.endpoint())
                .put("address", e.address()).put("from", e.from().id()).put("to", e.to().id()).put("usable", e.usable());
        ArrayNode flags = n.putArray("flags");
        e.flags().forEach(flags::add);
        n.put("reason", e.reason().id()).put("mechanism", e.mechanism().id());
        if (e.detail() != null) {
            n.put("detail", e.detail());
        }
        return n;
    }

    public static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000L;
    }
}
