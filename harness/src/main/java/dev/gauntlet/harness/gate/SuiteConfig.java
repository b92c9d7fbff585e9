package dev.gauntlet.harness.gate;

import java.nio.file.Path;
import java.util.List;

/**
 * A gate suite, validated by {@link SuiteLoader}: the scenarios a CI gate runs, one after another.
 *
 * <pre>{@code
 * SuiteConfig suite = new SuiteLoader(scenarioLoader).load(Path.of("scenarios/suites/ci.yaml"));
 * suite.entries().get(0).overrides();   // [load.duration=20s, faults[0].at=5s, faults[1].at=12s]
 * }</pre>
 *
 * @param name    names the gate directory ({@code runs/gates/<stamp>-<name>})
 * @param trials  runs per scenario, each with its own seed (1 = no statistics); {@code --trials} overrides it
 * @param entries the scenarios, in file order
 * @param file    the suite file
 */
public record SuiteConfig(String name, String description, int trials, List<SuiteEntry> entries, Path file) {

    public static final int MAX_TRIALS = 100;

    public SuiteConfig {
        if (trials < 1 || trials > MAX_TRIALS) {
            throw new IllegalArgumentException("trials: " + trials + " (expected: an integer from 1 to " + MAX_TRIALS + ")");
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("scenarios: [] (expected: a list of at least one scenario)");
        }
        entries = List.copyOf(entries);
    }

    /** The same suite with {@code override} (e.g. {@code runtime=containers}) added to every scenario's overrides. */
    public SuiteConfig withOverride(String override) {
        return new SuiteConfig(name, description, trials, entries.stream().map(e -> {
            List<String> all = new java.util.ArrayList<>(e.overrides());
            all.add(override);
            return new SuiteEntry(e.label(), e.scenario(), all, e.allowUnknown(), e.adaptations());
        }).toList(), file);
    }

    /** The same suite with every entry replaced by {@code adapt} of it (e.g. with a kind's adaptations). */
    public SuiteConfig mapEntries(java.util.function.UnaryOperator<SuiteEntry> adapt) {
        return new SuiteConfig(name, description, trials, entries.stream().map(adapt).toList(), file);
    }

    /** The same suite run {@code n} times per scenario. */
    public SuiteConfig withTrials(int n) {
        return new SuiteConfig(name, description, n, entries, file);
    }
}
