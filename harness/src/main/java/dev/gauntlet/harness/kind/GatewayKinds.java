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

    private static final Map<String, GatewayKind> KINDS = new LinkedHashMap<>();

    static {
        // each kind's package adds its line here
    }

    private GatewayKinds() {
    }

    public static Set<String> names() {
        return Set.copyOf(KINDS.keySet());
    }

    /** The kind called {@code name}; throws {@link IllegalArgumentException} naming the known kinds. */
    public static GatewayKind byName(String name) {
        GatewayKind kind = KINDS.get(name);
        if (kind == null) {
            throw new IllegalArgumentException(name + " (expected one of: " + String.join(", ", KINDS.keySet()) + ")");
        }
        return kind;
    }

    static void add(GatewayKind kind) {
        KINDS.put(kind.name(), kind);
    }
}
