package dev.gauntlet.harness.fault;

import dev.gauntlet.harness.fault.FaultParams.Param;
import dev.gauntlet.harness.fault.FaultParams.Type;
import dev.gauntlet.harness.scenario.FaultSchedule;
import dev.gauntlet.harness.scenario.FaultStep;
import dev.gauntlet.harness.scenario.YamlReader;
import java.util.LinkedHashMap;
import java.util.List;
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
    record Kind(String action, List<Param> params, BiFunction<FaultContext, FaultParams, Fault> factory,
                java.util.function.Consumer<YamlReader> crossCheck) {
    }

    public static final String HEAL_ANY = "heal";
    private static final Param TOXICITY = Param.optional("toxicity", Type.FRACTION, "1.0");
    private static final Param UPSTREAM = Param.optional("direction", Type.DIRECTION, "upstream");
    private static final Param DOWNSTREAM = Param.optional("direction", Type.DIRECTION, "downstream");

    private final Map<String, Kind> kinds = new LinkedHashMap<>();
    /** heal action → the inject action it ends (null: any). */
    private final Map<String, String> heals = new LinkedHashMap<>();

    private FaultRegistry() {
    }

    public static FaultRegistry standard() {
        FaultRegistry r = new FaultRegistry();
        r.kind("crash", List.of(), (ctx, p) -> new CrashFault(ctx));
        r.kind("hang", List.of(), (ctx, p) -> new HangFault(ctx));
        r.kind("refuse", List.of(), (ctx, p) -> new RefuseFault(ctx));
        r.kind("blackhole", List.of(UPSTREAM, TOXICITY), BlackholeFault::new);
        r.kind("latency", List.of(Param.required("latency", Type.DURATION),
                Param.optional("jitter", Type.DURATION, "0ms"), DOWNSTREAM, TOXICITY), LatencyFault::new);
        r.kind("bandwidth", List.of(Param.required("rate", Type.COUNT), DOWNSTREAM, TOXICITY), BandwidthFault::new);
        r.kind("slicer", List.of(Param.optional("averageSize", Type.COUNT, "64"),
                Param.optional("sizeVariation", Type.COUNT, "32"), Param.optional("delayUs", Type.COUNT, "10000"),
                DOWNSTREAM, TOXICITY), SlicerFault::new, SlicerFault::checkSizes);
        r.kind("reset_peer", List.of(Param.optional("timeout", Type.DURATION, "0ms"), DOWNSTREAM, TOXICITY),
                ResetPeerFault::new);
        r.kind("limit_data", List.of(Param.required("bytes", Type.COUNT), DOWNSTREAM, TOXICITY), LimitDataFault::new);
        r.kind("slow_close", List.of(Param.required("delay", Type.DURATION), DOWNSTREAM, TOXICITY), SlowCloseFault::new);
        r.kind("firewall_drop", List.of(), (ctx, p) -> new FirewallDropFault(ctx));
        r.kind("packet_loss", List.of(Param.required("rate", Type.PERCENT)), PacketLossFault::new);
        r.kind("health_fail", List.of(Param.optional("status", Type.COUNT, "500"),
                Param.optional("latency", Type.DURATION, "0ms"), Param.optional("auth", Type.BOOLEAN, "false")),
                HealthFailFault::new);
        r.kind("errors", List.of(Param.required("rate", Type.PERCENT), Param.optional("status", Type.COUNT, "500")),
                ErrorsFault::new);
        r.kind("slow", List.of(Param.required("latency", Type.DURATION)), SlowFault::new);
        r.kind("cpu_burn", List.of(Param.optional("threads", Type.COUNT, "1"), Param.optional("share", Type.FRACTION, "1.0")),
                CpuBurnFault::new);
        r.kind("memory_balloon", List.of(Param.optional("mib", Type.COUNT, "32"),
                Param.optional("mibPerSecond", Type.COUNT, "0"), Param.optional("untilOom", Type.BOOLEAN, "false")),
                MemoryBalloonFault::new);
        r.kind("capacity", List.of(Param.required("maxConcurrency", Type.COUNT), Param.optional("queueSize", Type.COUNT, "0"),
                Param.optional("serviceTime", Type.DURATION, "0ms")), CapacityFault::new);
        r.kind("behaviour", List.of(Param.required("patch", Type.OBJECT), Param.optional("truth", Type.TRUTH, "degraded")),
                BehaviourPatchFault::new);
        r.kind("gateway_config", List.of(Param.required("patch", Type.OBJECT)), GatewayConfigFault::new);
        // DNS faults: each acts once on a pool's DNS name (target: the whole pool, e.g. api), see actsOnPool
        r.kind("dns_change", List.of(Param.required("records", Type.INDICES)), DnsChangeFault::new);
        r.kind("dns_outage", List.of(), (ctx, p) -> new DnsOutageFault(ctx));
        r.kind("dns_servfail", List.of(), (ctx, p) -> new DnsServfailFault(ctx));
        r.kind("dns_nxdomain", List.of(), (ctx, p) -> new DnsNxdomainFault(ctx));
        r.kind("dns_ttl", List.of(Param.required("ttl", Type.DURATION)), DnsTtlFault::new);
        r.heals.put("restart", "crash");
        r.heals.put("resume", "hang");
        r.heals.put(HEAL_ANY, null);
        return r;
    }

    private void kind(String action, List<Param> params, BiFunction<FaultContext, FaultParams, Fault> factory) {
        kinds.put(action, new Kind(action, params, factory, reader -> { }));
    }

    private void kind(String action, List<Param> params, BiFunction<FaultContext, FaultParams, Fault> factory,
                      java.util.function.Consumer<YamlReader> crossCheck) {
        kinds.put(action, new Kind(action, params, factory, crossCheck));
    }

    /** Actions that need nftables (root and the nft tool) on this machine. */
    public static final Set<String> NEEDS_NFT = Set.of("firewall_drop", "packet_loss");

    /**
     * Whether an action changes a whole pool once (its DNS name) rather than each targeted replica: every
     * {@code dns_*} action. The scenario loader holds such steps to whole pools that have {@code dns:}.
     */
    public static boolean actsOnPool(String action) {
        return action != null && action.startsWith("dns_");
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
            Set<String> healFields = new TreeSet<>(FaultSchedule.STEP_FIELDS);
            healFields.remove("for");
            reader.onlyFields(healFields);
            return;
        }
        Kind kind = kinds.get(step.action());
        if (kind == null) {
            throw reader.invalidField("action", step.action(), "one of " + String.join(", ", actions()));
        }
        Set<String> allowed = new TreeSet<>(FaultSchedule.STEP_FIELDS);
        kind.params().forEach(p -> allowed.add(p.name()));
        reader.onlyFields(allowed);
        kind.params().forEach(p -> p.validate(reader));
        kind.crossCheck().accept(reader);
    }

    public Fault create(FaultStep step, FaultContext ctx) {
        Kind kind = kinds.get(step.action());
        if (kind == null) {
            throw new IllegalArgumentException("not an inject action: " + step.action());
        }
        return kind.factory().apply(ctx, new FaultParams(step.params(), kind.params()));
    }
}
