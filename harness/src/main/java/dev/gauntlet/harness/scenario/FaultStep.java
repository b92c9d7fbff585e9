package dev.gauntlet.harness.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;

/**
 * One scheduled fault operation.
 *
 * @param index   position in the scenario's {@code faults} list (used in error messages and ids)
 * @param at      offset from the start of the load
 * @param action  snake_case fault id: crash, restart, latency, blackhole, refuse, heal, ...
 * @param pool    target pool
 * @param targets indices in the pool the step applies to
 * @param lasting how long until it heals by itself, or null for "until a heal step or the end"
 * @param params  the action's own settings (e.g. {@code latency: 200ms}), validated by the fault registry
 */
public record FaultStep(int index, Duration at, String action, String pool, List<Integer> targets,
                        Duration lasting, ObjectNode params) {
    public FaultStep {
        targets = List.copyOf(targets);
    }
}
