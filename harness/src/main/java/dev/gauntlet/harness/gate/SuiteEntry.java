package dev.gauntlet.harness.gate;

import java.util.List;

/**
 * One scenario of a gate suite, validated: what to run, with which {@code --set} overrides, and how to gate it.
 *
 * <pre>{@code
 * SuiteEntry crash = new SuiteEntry("crash", "one-of-three-crashes", List.of("load.duration=20s"), false);
 * }</pre>
 *
 * @param label        names it in junit.xml (the testsuite) and summary.md; unique in the suite
 * @param scenario     a library name or a file path (already resolved against the suite file's folder)
 * @param overrides    {@code path=value} overrides, suite-wide ones first, in file order
 * @param allowUnknown true when a check that cannot be decided must not fail the gate
 * @param adaptations  {@code path=value} overrides an expected-verdicts file adds for the gateway kind gated, applied
 *                     after {@code overrides}; kept apart so junit.xml and summary.md show them as not the scenario as written
 */
public record SuiteEntry(String label, String scenario, List<String> overrides, boolean allowUnknown,
                         List<String> adaptations) {

    public SuiteEntry(String label, String scenario, List<String> overrides, boolean allowUnknown) {
        this(label, scenario, overrides, allowUnknown, List.of());
    }

    public SuiteEntry {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("label: " + label + " (expected: a non-empty label)");
        }
        if (scenario == null || scenario.isBlank()) {
            throw new IllegalArgumentException("scenario: " + scenario + " (expected: a scenario name or file)");
        }
        overrides = List.copyOf(overrides);
        adaptations = List.copyOf(adaptations);
    }

    /** What the scenario is loaded with: the suite's overrides, then the kind's adaptations. */
    public List<String> runOverrides() {
        List<String> all = new java.util.ArrayList<>(overrides);
        all.addAll(adaptations);
        return List.copyOf(all);
    }

    /** The same entry with {@code more} adaptations appended. */
    public SuiteEntry adapted(List<String> more) {
        List<String> all = new java.util.ArrayList<>(adaptations);
        all.addAll(more);
        return new SuiteEntry(label, scenario, overrides, allowUnknown, all);
    }
}
