package dev.gauntlet.harness.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.harness.fault.FaultContext;
import dev.gauntlet.harness.fault.FaultRegistry;
import dev.gauntlet.harness.kind.DetectionModel;
import dev.gauntlet.harness.kind.DetectionModel.Bound;
import dev.gauntlet.harness.kind.GatewayKind;
import dev.gauntlet.harness.kind.GatewayKinds;
import dev.gauntlet.harness.kind.GatewayLaunch;
import dev.gauntlet.harness.kind.template.NativeTemplateKind;
import dev.gauntlet.harness.kind.template.TemplateException;
import dev.gauntlet.harness.scenario.FaultSchedule;
import dev.gauntlet.harness.scenario.FaultStep;
import dev.gauntlet.harness.scenario.Scenario;
import dev.gauntlet.harness.topology.BlastRadius;
import dev.gauntlet.harness.topology.EndpointPlan;
import dev.gauntlet.harness.topology.LoopbackPlacement;
import dev.gauntlet.harness.topology.NetworkPlacement;
import dev.gauntlet.harness.topology.Placement;
import dev.gauntlet.harness.topology.Topology;
import dev.gauntlet.harness.topology.TopologyPlanner;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code run --dry-run} shows without starting anything: the planned topology (ports, addresses,
 * proxies), the fault schedule as it will be played (heals of {@code for:} steps included), the detection and
 * recovery bounds the gateway kind's {@link DetectionModel} predicts for each fault and mechanism, and the checks
 * that will be made. Ports are the planner's picks now; a real run plans again and may get others.
 *
 * <pre>{@code
 * DryRun plan = DryRun.plan(scenario, false);
 * plan.print(System.out);              // text for people
 * System.out.println(plan.json());     // one JSON object for tools (run --dry-run --json)
 * }</pre>
 */
public final class DryRun {

    /** Shown as the containers runtime's subnet: the real one is chosen when the run's network is made. */
    static final String PLACEHOLDER_SUBNET = "10.0.0";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode plan;

    private DryRun(ObjectNode plan) {
        this.plan = plan;
    }

    /** Plans {@code scenario}; throws the loader's one-line errors (blast radius) like a real run would. */
    public static DryRun plan(Scenario scenario, boolean allowRemote) {
        boolean containers = scenario.runtime().equals("containers");
        Placement placement = containers ? new NetworkPlacement(PLACEHOLDER_SUBNET) : new LoopbackPlacement();
        Topology topology = new TopologyPlanner().plan(scenario, placement);
        BlastRadius.check(scenario, topology, allowRemote, placement);
        GatewayKind kind = scenario.gateway().gatewayKind();
        ObjectNode root = JSON.createObjectNode();
        root.put("scenario", scenario.name());
        root.put("runtime", scenario.runtime());
        if (containers) {
            root.put("note", "addresses shown in " + PLACEHOLDER_SUBNET + ".0/24: the run's own subnet is chosen at start");
        }
        ObjectNode load = root.putObject("load");
        load.put("rate_per_s", scenario.load().ratePerSec()).put("duration_ms", scenario.load().duration().toMillis())
                .put("path", scenario.load().path()).put("warmup_ms", RunFiles.WARMUP.toMillis());
        topology(root, topology, kind);
        Effective effective = effectiveConfig(kind, topology);
        root.put("bounds_config", effective.source());
        if (kind instanceof NativeTemplateKind t && t.lastRendered() != null) {
            ObjectNode nat = ((ObjectNode) root.get("gateway")).putObject("native");
            nat.put("file", t.spec().shownAs()).put("path", t.spec().file().toString())
                    .put("rendered_as", "gateway.native." + t.templates().fileName());
            nat.set("vars", NativeTemplateKind.varsJson(t.lastRendered()));
        }
        schedule(root.putArray("schedule"), scenario);
        predictions(root.putArray("predictions"), scenario, topology, kind.detectionModel(), effective.config());
        ArrayNode checks = root.putArray("checks");
        scenario.expect().forEach((name, expression) -> checks.addObject().put("name", name).put("expression", expression));
        return new DryRun(root);
    }

    private record Effective(JsonNode config, String source) {
    }

    /**
     * The neutral config the bounds are computed from. A kind that reads its settings back from the rendered
     * native config answers here without a process; one that asks its running gateway cannot, and the
     * topology's neutral config is used as it stands (the gateway's own defaults for what it leaves out are
     * then not seen).
     */
    private static Effective effectiveConfig(GatewayKind kind, Topology topology) {
        ObjectNode neutral = topology.gatewayConfig();
        try {
            GatewayLaunch launch = new GatewayLaunch("dry-run", Path.of("dry-run"), neutral.deepCopy(),
                    neutral.path("listen").path("host").asText(TopologyPlanner.LOOPBACK), neutral.path("listen").path("port").asInt(),
                    neutral.path("admin").path("port").asInt(), topology.cluster(), topology::endpointIdFor);
            ObjectNode read = kind.effectiveConfig(null, launch, kind.render(launch));
            if (read != null) {
                return new Effective(read, "the " + kind.name() + " kind's effective config, read from its rendered native config");
            }
        } catch (TemplateException bad) {
            throw bad; // the user's file: one line, exit 2, as a real run would say
        } catch (RuntimeException needsRunningGateway) {
            // builtin reads GET /admin/config of the running gateway: nothing runs in a dry run
        }
        return new Effective(neutral, "the topology's neutral gateway config (settings it leaves out take the gateway's"
                + " own defaults at run time, which a dry run cannot see)");
    }

    private static void topology(ObjectNode root, Topology t, GatewayKind kind) {
        JsonNode cfg = t.gatewayConfig();
        ObjectNode gw = root.putObject("gateway");
        gw.put("kind", kind.name());
        gw.put("listen", cfg.path("listen").path("host").asText() + ":" + portText(cfg.path("listen").path("port").asInt()));
        gw.put("admin", cfg.path("admin").path("host").asText() + ":" + portText(cfg.path("admin").path("port").asInt()));
        gw.put("cluster", t.cluster());
        root.put("toxiproxy_api", "127.0.0.1:" + portText(t.toxiproxyPort()));
        ArrayNode endpoints = root.putArray("endpoints");
        for (EndpointPlan e : t.endpoints()) {
            endpoints.addObject().put("id", e.id()).put("pool", e.pool()).put("backend", e.backendAddress())
                    .put("control", e.host() + ":" + e.controlPort()).put("proxy", e.proxyAddress());
        }
        if (t.hasDns()) {
            root.put("dns_server", "udp/tcp " + cfg.path("dns").path("server").asText());
        }
    }

    private static String portText(int port) {
        return port == 0 ? "(any free port)" : String.valueOf(port);
    }

    private static void schedule(ArrayNode out, Scenario scenario) {
        for (FaultStep f : scenario.faults()) {
            ObjectNode s = out.addObject().put("step", f.index()).put("at_ms", f.at().toMillis()).put("action", f.action())
                    .put("target", target(f));
            if (f.lasting() != null) {
                s.put("for_ms", f.lasting().toMillis()).put("heal_at_ms", f.at().plus(f.lasting()).toMillis());
            }
            if (f.params() != null && !f.params().isEmpty()) {
                s.set("params", f.params());
            }
        }
    }

    private static String target(FaultStep f) {
        if (f.pool().equals(FaultSchedule.GATEWAY) || FaultRegistry.actsOnPool(f.action())) {
            return f.pool();
        }
        return f.pool() + f.targets();
    }

    private static void predictions(ArrayNode out, Scenario scenario, Topology topology, DetectionModel model,
                                    JsonNode config) {
        FaultRegistry registry = FaultRegistry.standard();
        String probePath = RunFiles.healthPath(scenario);
        for (FaultStep step : scenario.faults()) {
            if (registry.isHeal(step.action())) {
                continue;
            }
            boolean healed = step.lasting() != null || scenario.faults().stream().anyMatch(later -> later.at().compareTo(step.at()) >= 0
                    && later.index() != step.index() && registry.heals(later.action(), step.action()) && later.pool().equals(step.pool()));
            for (EndpointPlan endpoint : endpoints(step, topology)) {
                String cluster = step.pool().equals(FaultSchedule.GATEWAY) ? topology.cluster() : step.pool();
                ObjectNode p = out.addObject().put("step", step.index()).put("at_ms", step.at().toMillis())
                        .put("action", step.action()).put("endpoint", endpoint.id()).put("cluster", cluster);
                DetectionModel.Noticed noticed;
                try {
                    var fault = registry.create(step, new FaultContext(null, endpoint, Clock.systemUTC(), probePath));
                    p.put("truth", fault.truth());
                    noticed = DetectionModel.Noticed.valueOf(fault.detection().toUpperCase(Locale.ROOT));
                } catch (RuntimeException e) {
                    p.put("truth", "unknown").put("noticed", "unknown").put("reason", "cannot tell before the run: " + e);
                    continue;
                }
                p.put("noticed", noticed.id());
                long usable = topology.endpoints().stream().filter(e -> e.pool().equals(cluster)).count();
                DetectionModel.RunContext run = new DetectionModel.RunContext(scenario.load().ratePerSec(), (int) usable);
                bounds(p.putArray("detection"), model.detection(config, cluster, noticed, run));
                if (healed) {
                    bounds(p.putArray("recovery"), model.recovery(config, cluster, run));
                } else {
                    p.putArray("recovery");
                    p.put("recovery_reason", "not healed before the run ends");
                }
            }
        }
    }

    private static List<EndpointPlan> endpoints(FaultStep step, Topology topology) {
        if (step.pool().equals(FaultSchedule.GATEWAY) || FaultRegistry.actsOnPool(step.action())) {
            return List.of(EndpointPlan.wholePool(step.pool()));
        }
        List<EndpointPlan> out = new ArrayList<>();
        step.targets().forEach(i -> topology.endpoint(step.pool(), i).ifPresent(out::add));
        return out;
    }

    private static void bounds(ArrayNode out, List<Bound> bounds) {
        for (Bound b : bounds) {
            ObjectNode o = out.addObject().put("mechanism", b.mechanism().id());
            if (b.known()) {
                o.put("low_ms", b.lowMs()).put("high_ms", b.highMs());
            } else {
                o.putNull("low_ms").putNull("high_ms").put("reason", b.reason());
            }
            o.put("derivation", b.derivation());
        }
    }

    /** The plan as one JSON object (the {@code --json} form). */
    public String json() {
        return plan.toString();
    }

    /** The plan as a tree, for tests and tools. */
    public JsonNode tree() {
        return plan.deepCopy();
    }

    /** The plan for people: topology, schedule, predictions, checks. */
    public void print(java.io.PrintStream out) {
        DryRunText.print(plan, out);
    }

}
