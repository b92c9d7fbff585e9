package dev.gauntlet.harness.sweep;

import java.nio.file.Path;
import java.util.List;

/**
 * A validated sweep file: which scenarios to run, over which gateway settings, how often, and what counts
 * as best. Built by {@link SweepLoader}, which turns every bad value into the one-line error.
 *
 * <pre>{@code
 * SweepConfig sweep = new SweepLoader(scenarioLoader).load(Path.of("scenarios/sweeps/health-check-tuning.yaml"));
 * List<SweepPoint> points = SearchSpace.points(sweep);
 * }</pre>
 *
 * @param seed        trial t of every point runs its scenarios with seed {@code seed + t}, so points are
 *                    compared on the same seeds
 * @param mode        {@code fresh} (a new topology per trial) or {@code reconfigure} (one topology per
 *                    scenario and trial, gateway settings changed through {@code PUT /admin/config})
 * @param search      {@code grid} or {@code random}
 * @param samples     points a random search draws (ignored by grid)
 * @param pareto      the two metrics of the Pareto chart (x, y), both judged by their point means except
 *                    the objective metric, judged by the objective's statistic
 * @param heatmapX    parameter path on the heatmap's x axis (null: no heatmap)
 * @param fingerprint SHA-256 of the file, so {@code --resume} refuses a sweep whose file changed
 */
public record SweepConfig(String name, String description, long seed, int trials, String mode,
                          List<SweepScenario> scenarios, List<SweepParameter> parameters, String search,
                          int samples, Objective objective, List<Constraint> constraints,
                          List<SweepMetric> pareto, String heatmapX, String heatmapY, Path source,
                          String fingerprint) {

    public static final String FRESH = "fresh";
    public static final String RECONFIGURE = "reconfigure";
    public static final String GRID = "grid";
    public static final String RANDOM = "random";

    public SweepConfig {
        scenarios = List.copyOf(scenarios);
        parameters = List.copyOf(parameters);
        constraints = List.copyOf(constraints);
        pareto = List.copyOf(pareto);
    }

    /** The same sweep with every scenario run in {@code runtime} (the command line's {@code --runtime}). */
    public SweepConfig withRuntime(String runtime) {
        return withOverride("runtime=" + runtime);
    }

    /** The same sweep with {@code override} ({@code path=value}) added to every scenario's (e.g. {@code --gateway}). */
    public SweepConfig withOverride(String override) {
        List<SweepScenario> moved = scenarios.stream().map(s -> {
            List<String> overrides = new java.util.ArrayList<>(s.overrides());
            overrides.add(override);
            return new SweepScenario(s.scenario(), s.label(), overrides, s.goodTruth());
        }).toList();
        return new SweepConfig(name, description, seed, trials, mode, moved, parameters, search, samples,
                objective, constraints, pareto, heatmapX, heatmapY, source, fingerprint);
    }

    /** The same sweep in another mode (the command line's {@code --mode}); the points and fingerprint stay. */
    public SweepConfig withMode(String newMode) {
        return new SweepConfig(name, description, seed, trials, newMode, scenarios, parameters, search, samples,
                objective, constraints, pareto, heatmapX, heatmapY, source, fingerprint);
    }
}
