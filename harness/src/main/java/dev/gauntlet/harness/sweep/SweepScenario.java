package dev.gauntlet.harness.sweep;

import java.util.List;
import java.util.Set;

/**
 * One scenario a sweep runs at every point, with its own overrides.
 *
 * <pre>{@code
 * scenarios:
 *   - scenario: one-of-three-crashes        # a library name, or a file (relative to the sweep file)
 *     label: crash
 *     set: { load.duration: 20s, "faults[0].at": 5s }
 *     goodTruth: [up]                        # truth states whose ejection counts as false (default [up])
 * }</pre>
 *
 * @param scenario  a library name or a file path
 * @param label     a short name for tables and run directories
 * @param overrides {@code path=value} strings, applied before the point's gateway settings
 * @param goodTruth truth states ({@code up}, {@code degraded}) in which an ejection is a false ejection
 */
public record SweepScenario(String scenario, String label, List<String> overrides, Set<String> goodTruth) {

    public SweepScenario {
        overrides = List.copyOf(overrides);
        goodTruth = Set.copyOf(goodTruth);
    }
}
