package dev.gauntlet.harness.kind;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The gateway kinds by name. Immutable: a kind is added here, once, not registered at run time.
 *
 * <pre>{@code GatewayKinds.byName("envoy").refusals(config)}</pre>
 */
public final class GatewayKinds {

    private static final Map<String, GatewayKind> KINDS = java.util.Collections.synchronizedMap(new LinkedHashMap<>());

    static {
        // each kind's package adds its line here
        add(new dev.gauntlet.harness.kind.builtin.BuiltinKind());
        add(new dev.gauntlet.harness.kind.haproxy.HaproxyKind());
        add(new dev.gauntlet.harness.kind.nginx.NginxKind());
        add(new dev.gauntlet.harness.kind.caddy.CaddyKind());
        add(new dev.gauntlet.harness.kind.envoy.EnvoyKind());
    }

    private GatewayKinds() {
    }

    /** The kinds' names, in the order they were added ({@code builtin} first). */
    public static Set<String> names() {
        return java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(KINDS.keySet()));
    }

    /** The kind the harness uses when a scenario names none. */
    public static GatewayKind builtin() {
        return byName(dev.gauntlet.harness.kind.builtin.BuiltinKind.NAME);
    }

    /** The kind called {@code name}; throws {@link IllegalArgumentException} naming the known kinds. */
    public static GatewayKind byName(String name) {
        GatewayKind kind = KINDS.get(name);
        if (kind == null) {
            throw new IllegalArgumentException(name + " (expected one of: " + String.join(", ", KINDS.keySet()) + ")");
        }
        return kind;
    }

    static synchronized void add(GatewayKind kind) {
        KINDS.put(kind.name(), kind);
    }

    /** Only for tests that register a fake kind for the time of one test. */
    static synchronized void remove(String name) {
        KINDS.remove(name);
    }
}
