package dev.gauntlet.harness.fault;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.harness.scenario.Durations;
import dev.gauntlet.harness.scenario.FaultStep;
import dev.gauntlet.harness.scenario.YamlReader;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * The fault actions a scenario may schedule, by snake_case id, with their parameters. Built once at
 * start-up ({@link #standard()}); no global mutable registry.
 *
 * <pre>{@code
 * FaultRegistry registry = FaultRegistry.standard();
 * registry.validate(step, reader);                    // at scenario load: one-line errors
 * Fault fault = registry.create(step, context);       // at run time
 * }</pre>
 *
 * Heal actions end a fault started earlier on the same target: {@code restart} ends a crash,
 * {@code resume} a hang, {@code heal} whatever is active.
 */
public final class FaultRegistry {

    /** An injectable action: its parameters and how to build it. */
    record Kind(String action, Set<String> params, BiFunction<FaultContext, ObjectNode, Fault> factory) {
    }

    public static final String HEAL_ANY = "heal";

    private final Map<String, Kind> kinds = new LinkedHashMap<>();
    /** heal action → the inject action it ends (null: any). */
    private final Map<String, String> heals = new LinkedHashMap<>();

    private FaultRegistry() {
    }

    public static FaultRegistry standard() {
        FaultRegistry r = new FaultRegistry();
        r.kind("crash", Set.of(), (ctx, p) -> new CrashFault(ctx));
        r.kind("hang", Set.of(), (ctx, p) -> new HangFault(ctx));
        r.kind("refuse", Set.of(), (ctx, p) -> new RefuseFault(ctx));
        r.kind("blackhole", Set.of(), (ctx, p) -> new BlackholeFault(ctx));
        r.kind("latency", Set.of("latency", "jitter"), (ctx, p) -> new LatencyFault(ctx,
                Durations.parseOrNull(p.path("latency").asText()),
                p.has("jitter") ? Durations.parseOrNull(p.path("jitter").asText()) : Duration.ZERO));
        r.heals.put("restart", "crash");
        r.heals.put("resume", "hang");
        r.heals.put(HEAL_ANY, null);
        return r;
    }

    private void kind(String action, Set<String> params, BiFunction<FaultContext, ObjectNode, Fault> factory) {
        kinds.put(action, new Kind(action, params, factory));
    }

    public boolean isHeal(String action) {
        return heals.containsKey(action);
    }

    /** Whether heal action {@code heal} ends a fault started by {@code injectAction}. */
    public boolean heals(String heal, String injectAction) {
        String target = heals.get(heal);
        return heals.containsKey(heal) && (target == null || target.equals(injectAction));
    }

    public Set<String> actions() {
        Set<String> all = new TreeSet<>(kinds.keySet());
        all.addAll(heals.keySet());
        return all;
    }

    /** Scenario-time validation of one step; throws the one-line error. */
    public void validate(FaultStep step, YamlReader reader) {
        if (isHeal(step.action())) {
            reader.onlyFields(Set.of("at", "target", "action"));
            return;
        }
        Kind kind = kinds.get(step.action());
        if (kind == null) {
            throw reader.invalidField("action", step.action(), "one of " + String.join(", ", actions()));
        }
        Set<String> allowed = new TreeSet<>(kind.params());
        allowed.addAll(Set.of("at", "target", "action", "for"));
        reader.onlyFields(allowed);
        for (String param : kind.params()) {
            if (param.equals("latency")) {
                reader.duration("latency", null, Duration.ofMillis(1));
            } else if (param.equals("jitter")) {
                reader.duration("jitter", Duration.ZERO, Duration.ZERO);
            }
        }
    }

    public Fault create(FaultStep step, FaultContext ctx) {
        Kind kind = kinds.get(step.action());
        if (kind == null) {
            throw new IllegalArgumentException("not an inject action: " + step.action());
        }
        return kind.factory().apply(ctx, step.params());
    }
}
