package dev.gauntlet.harness.kind.template;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What a template may name for one run: the placeholders the topology owns ({@code listen.port}, {@code admin.port},
 * {@code run.dir}, a kind's own such as haproxy's {@code stats.socket}), the clusters with their endpoints and how the
 * kind writes them as lines, the placeholders that must appear, and the scenario's variable values.
 *
 * <pre>{@code
 * TemplateContext ctx = new TemplateContext(Map.of("listen.port", "8080"), Map.of("api", endpoints),
 *         eps -> eps.stream().map(e -> "server " + e.name() + " " + e.address() + " check").toList(),
 *         Set.of("listen.port"), Map.of("inter", "1s"));
 * }</pre>
 *
 * @param placeholders name → value, for {@code {{ name }}}
 * @param clusters     cluster name → its endpoints, for {@code {{ backends.<cluster> }}} and {@code {{ each ... }}}
 * @param backendLines the kind's lines for one cluster's endpoints (not indented: the engine indents them)
 * @param required     placeholders the template must use (the kind's view reads through them)
 * @param given        variable name → value from {@code gateway.native.vars} (and {@code --set})
 */
public record TemplateContext(Map<String, String> placeholders, Map<String, List<TemplateEndpoint>> clusters,
                              Function<List<TemplateEndpoint>, List<String>> backendLines, Set<String> required,
                              Map<String, String> given) {

    public TemplateContext {
        placeholders = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(placeholders));
        clusters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(clusters));
        required = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(required));
        given = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(given));
    }

    /** Every name {@code {{ name }}} may use, for the "expected" part of an unknown placeholder's error. */
    String known() {
        List<String> names = new java.util.ArrayList<>(placeholders.keySet());
        clusters.keySet().forEach(c -> names.add("backends." + c));
        return String.join(", ", names);
    }
}
