package dev.gauntlet.harness.fault;

import dev.gauntlet.harness.scenario.FaultSchedule;
import dev.gauntlet.harness.scenario.FaultStep;
import dev.gauntlet.harness.topology.EndpointPlan;
import dev.gauntlet.harness.topology.Topology;
import dev.gauntlet.report.run.JsonlWriter;
import dev.gauntlet.report.run.TimelineEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the scenario's fault steps against the running parts at their offsets from the start of
 * the load, one at a time in order, and writes every inject and heal with its verification to
 * {@code timeline.jsonl}. {@link #healAll()} ends whatever is still active (end of run, abort).
 */
public final class FaultScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(FaultScheduler.class);

    /** Faults aimed at the gateway itself carry this in place of an endpoint. */
    private static final EndpointPlan GATEWAY_TARGET = new EndpointPlan(FaultSchedule.GATEWAY, FaultSchedule.GATEWAY, 0,
            "127.0.0.1", 0, 0, 0, com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());

    private record Active(String faultId, String action, EndpointPlan endpoint, Fault fault) {
    }

    private final List<FaultStep> steps;
    private final FaultRegistry registry;
    private final Topology topology;
    private final Function<EndpointPlan, FaultContext> contexts;
    private final JsonlWriter timeline;
    private final Clock clock;
    private final Consumer<String> progress;
    private final ScheduledExecutorService executor = new java.util.concurrent.ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "faults");
        t.setDaemon(true);
        return t;
    });
    private final List<Active> active = new ArrayList<>();
    private int nextId;

    public FaultScheduler(List<FaultStep> steps, FaultRegistry registry, Topology topology,
                          Function<EndpointPlan, FaultContext> contexts, JsonlWriter timeline, Clock clock,
                          Consumer<String> progress) {
        this.steps = List.copyOf(steps);
        this.registry = registry;
        this.topology = topology;
        this.contexts = contexts;
        this.timeline = timeline;
        this.clock = clock;
        this.progress = progress;
    }

    /**
     * Schedules every step relative to {@code loadStartNanos} (a {@link System#nanoTime()} value).
     * Steps due at the same moment run as one task, in schedule order: separately scheduled tasks
     * with equal delays would run in whatever order their clock readings happened to fall.
     */
    public void start(long loadStartNanos) {
        java.util.TreeMap<Long, List<FaultStep>> due = new java.util.TreeMap<>();
        for (FaultStep step : steps) {
            long at = step.at().toNanos();
            due.computeIfAbsent(at, k -> new ArrayList<>()).add(step);
            if (step.lasting() != null) {
                // a pool action's own heal names no replica, so it ends the pool action and nothing else
                List<Integer> healTargets = FaultRegistry.actsOnPool(step.action()) ? List.of() : step.targets();
                FaultStep heal = new FaultStep(step.index(), step.at().plus(step.lasting()), FaultRegistry.HEAL_ANY,
                        step.pool(), healTargets, null, step.params());
                due.computeIfAbsent(at + step.lasting().toNanos(), k -> new ArrayList<>()).add(heal);
            }
        }
        long now = System.nanoTime();
        due.forEach((at, group) -> executor.schedule(() -> group.forEach(this::run),
                Math.max(0, loadStartNanos + at - now), TimeUnit.NANOSECONDS));
    }

    private void run(FaultStep step) {
        for (EndpointPlan endpoint : targetsOf(step)) {
            try {
                if (registry.isHeal(step.action())) {
                    healMatching(step.action(), endpoint);
                } else {
                    inject(step, endpoint);
                }
            } catch (Exception e) {
                LOG.warn("fault {} on {} failed: {}", step.action(), endpoint.id(), e.toString());
                progress.accept("fault " + step.action() + " on " + endpoint.id() + " failed: " + e);
                recordFailure(step, endpoint, e);
            }
        }
    }

    /**
     * What a step acts on: the gateway; a whole pool once for a pool action (DNS); else each targeted replica.
     * A heal of a whole pool also ends the pool actions active on it; a heal naming no replica (a DNS fault's
     * own {@code for:} heal) ends only those.
     */
    private List<EndpointPlan> targetsOf(FaultStep step) {
        if (step.pool().equals(FaultSchedule.GATEWAY)) {
            return List.of(GATEWAY_TARGET);
        }
        if (FaultRegistry.actsOnPool(step.action())) {
            return List.of(EndpointPlan.wholePool(step.pool()));
        }
        List<EndpointPlan> out = new ArrayList<>();
        step.targets().forEach(index -> out.add(topology.endpoint(step.pool(), index).orElseThrow()));
        boolean wholePool = topology.endpoints().stream().filter(e -> e.pool().equals(step.pool())).count() == out.size();
        if (registry.isHeal(step.action()) && (wholePool || out.isEmpty())) {
            out.add(EndpointPlan.wholePool(step.pool()));
        }
        return out;
    }

    /**
     * A fault that could not be made is still part of the history: an unverified inject that leaves
     * the truth as it was, so every check depending on it turns unknown instead of silently passing.
     */
    private void recordFailure(FaultStep step, EndpointPlan endpoint, Exception e) {
        if (registry.isHeal(step.action())) {
            return; // a failed heal leaves the fault active; healAll tries again at the end
        }
        String faultId;
        synchronized (this) {
            faultId = "f" + nextId++;
        }
        long now = Micros.now(clock);
        timeline.write(new TimelineEvent(now, now, TimelineEvent.INJECT, faultId, step.action(), endpoint.id(),
                TimelineEvent.UP, "none", false, "failed: " + e));
        timeline.flush();
    }

    private void inject(FaultStep step, EndpointPlan endpoint) throws Exception {
        Fault fault = registry.create(step, contexts.apply(endpoint));
        String faultId;
        synchronized (this) {
            faultId = "f" + nextId++;
        }
        long requested = Micros.now(clock);
        Verification v = fault.inject();
        synchronized (this) {
            active.add(new Active(faultId, step.action(), endpoint, fault));
        }
        timeline.write(new TimelineEvent(v.effectUs(), lowerEnd(requested, v), TimelineEvent.INJECT, faultId, step.action(),
                endpoint.id(), fault.truth(), fault.detection(), v.verified(), v.detail(), v.probe()));
        timeline.flush();
        progress.accept(step.action() + " " + endpoint.id() + (v.verified() ? " (verified: " : " (NOT verified: ") + v.detail() + ")");
    }

    private void healMatching(String healAction, EndpointPlan endpoint) throws Exception {
        List<Active> matching = new ArrayList<>();
        synchronized (this) {
            for (Iterator<Active> it = active.iterator(); it.hasNext(); ) {
                Active a = it.next();
                if (a.endpoint().id().equals(endpoint.id()) && registry.heals(healAction, a.action())) {
                    matching.add(a);
                    it.remove();
                }
            }
        }
        for (int i = matching.size() - 1; i >= 0; i--) {
            heal(matching.get(i), healAction);
        }
    }

    private void heal(Active a, String healAction) throws Exception {
        long requested = Micros.now(clock);
        Verification v = a.fault().heal();
        timeline.write(new TimelineEvent(v.effectUs(), lowerEnd(requested, v), TimelineEvent.HEAL, a.faultId(), healAction,
                a.endpoint().id(), TimelineEvent.UP, a.fault().detection(), v.verified(), v.detail(), v.probe()));
        timeline.flush();
        progress.accept(healAction + " " + a.endpoint().id() + (v.verified() ? " (verified: " : " (NOT verified: ") + v.detail() + ")");
    }

    /**
     * The bracket's lower end: when the harness began the action, or, for an effect that comes on its own
     * later (an OOM seconds after the balloon's PUT), the last moment it was observed not to hold yet.
     */
    static long lowerEnd(long requestedUs, Verification v) {
        return v.notBeforeUs() > requestedUs && v.notBeforeUs() <= v.effectUs() ? v.notBeforeUs() : requestedUs;
    }

    /** Stops scheduling and heals every active fault, newest first. Safe to call more than once. */
    public void healAll() {
        // Let an operation under way finish rather than interrupt it: an interrupted restart would leave
        // a half-started backend behind. Steps not yet due are dropped.
        if (executor instanceof java.util.concurrent.ScheduledThreadPoolExecutor stpe) {
            stpe.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        }
        executor.shutdown();
        try {
            executor.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Active> remaining;
        synchronized (this) {
            remaining = new ArrayList<>(active);
            active.clear();
        }
        for (int i = remaining.size() - 1; i >= 0; i--) {
            Active a = remaining.get(i);
            try {
                heal(a, "heal_at_end");
            } catch (Exception e) {
                LOG.warn("healing {} on {} failed: {}", a.action(), a.endpoint().id(), e.toString());
            }
        }
    }
}
