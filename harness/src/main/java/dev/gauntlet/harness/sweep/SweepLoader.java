package dev.gauntlet.harness.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.harness.scenario.Durations;
import dev.gauntlet.harness.scenario.ScenarioInvalidException;
import dev.gauntlet.harness.scenario.ScenarioLoader;
import dev.gauntlet.harness.scenario.YamlReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads and validates a sweep file into a {@link SweepConfig}. Every problem is one
 * {@link ScenarioInvalidException} in the project's format,
 * {@code tuning.yaml: parameters.healthCheck.interval[1]: fast (expected: …)}, and every scenario is loaded
 * with every point's settings before anything runs, so a bad path or value fails in a second, not after
 * ten minutes of measuring.
 *
 * <pre>{@code
 * SweepConfig sweep = new SweepLoader(Scenarios.loader()).load(Path.of("scenarios/sweeps/health-check-tuning.yaml"));
 * }</pre>
 */
public final class SweepLoader {

    static final Set<String> TOP_FIELDS = Set.of("name", "description", "seed", "trials", "mode", "scenarios",
            "set", "parameters", "search", "objective", "constraints", "report");
    private static final int MAX_TRIALS = 100;
    private static final int MAX_POINTS = 1000;

    private final ScenarioLoader scenarios;

    public SweepLoader(ScenarioLoader scenarios) {
        this.scenarios = scenarios;
    }

    public SweepConfig load(Path file) {
        String fileName = file.getFileName().toString();
        byte[] bytes = dev.gauntlet.harness.scenario.StrictYaml.readBytes(file);
        JsonNode tree = dev.gauntlet.harness.scenario.StrictYaml.parse(fileName, bytes);
        if (tree == null || !tree.isObject()) {
            throw new ScenarioInvalidException(fileName, "(root)", tree == null ? "empty" : tree.toString(), "a mapping");
        }
        YamlReader r = YamlReader.root(fileName, tree).onlyFields(TOP_FIELDS);
        String name = r.string("name", null);
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            throw r.invalidField("name", name, "lower-case letters, digits and dashes");
        }
        String description = r.string("description", "");
        long seed = r.integer("seed", 1L, 0, Long.MAX_VALUE / 2);
        int trials = (int) r.integer("trials", 3L, 1, MAX_TRIALS);
        String mode = r.oneOf("mode", SweepConfig.FRESH, Set.of(SweepConfig.FRESH, SweepConfig.RECONFIGURE));
        List<String> common = overrides(r.at("set"));
        List<SweepScenario> scenarioList = scenarios(r.at("scenarios"), common, file);
        List<SweepParameter> parameters = parameters(r.at("parameters"));

        YamlReader s = r.at("search");
        String search = SweepConfig.GRID;
        int samples = 0;
        if (!s.isMissing()) {
            s.requireObject().onlyFields(Set.of("mode", "samples"));
            search = s.oneOf("mode", SweepConfig.GRID, Set.of(SweepConfig.GRID, SweepConfig.RANDOM));
            samples = (int) s.integer("samples", SweepConfig.RANDOM.equals(search) ? null : 0L, 1, MAX_POINTS);
        }
        if (SweepConfig.GRID.equals(search)) {
            for (SweepParameter p : parameters) {
                if (p.range() != null && p.range().step() == null) {
                    throw new ScenarioInvalidException(fileName, "parameters." + p.path() + ".step", "missing",
                            "a step for a grid search (or search: { mode: random, samples: N })");
                }
            }
        }
        Objective objective = objective(r.at("objective"));
        List<Constraint> constraints = constraints(r.at("constraints"));

        YamlReader rep = r.at("report");
        List<SweepMetric> pareto = List.of(objective.metric(),
                objective.metric() == SweepMetric.FALSE_EJECTIONS_PER_MIN ? SweepMetric.DETECTION_TIME
                        : SweepMetric.FALSE_EJECTIONS_PER_MIN);
        String hx = parameters.size() >= 2 ? parameters.get(0).path() : null;
        String hy = parameters.size() >= 2 ? parameters.get(1).path() : null;
        if (!rep.isMissing()) {
            rep.requireObject().onlyFields(Set.of("pareto", "heatmap"));
            if (rep.has("pareto")) {
                YamlReader pr = rep.at("pareto").requireArray();
                if (pr.size() != 2) {
                    throw pr.invalid(pr.node().toString(), "two metrics [x, y]");
                }
                pareto = List.of(metric(pr.index(0)), metric(pr.index(1)));
            }
            if (rep.has("heatmap")) {
                YamlReader h = rep.at("heatmap").requireObject().onlyFields(Set.of("x", "y"));
                hx = parameterPath(h, "x", parameters);
                hy = parameterPath(h, "y", parameters);
            }
        }
        SweepConfig config = new SweepConfig(name, description, seed, trials, mode, scenarioList, parameters, search,
                samples, objective, constraints, pareto, hx, hy, file, sha256(bytes));
        List<SweepPoint> points = SearchSpace.points(config);
        if (points.size() > MAX_POINTS) {
            throw r.invalidField("parameters", points.size() + " points", "at most " + MAX_POINTS + " points");
        }
        checkScenariosLoad(fileName, config, points);
        return config;
    }

    /** Loads each scenario with each point's settings now: a bad path or value must not surface mid-sweep. */
    private void checkScenariosLoad(String fileName, SweepConfig config, List<SweepPoint> points) {
        for (SweepScenario sc : config.scenarios()) {
            for (SweepPoint p : points) {
                try {
                    scenarios.load(sc.scenario(), trialOverrides(sc, p, config.seed()));
                } catch (ScenarioInvalidException e) {
                    // The scenario's own error already has the one format; say which sweep entry led to it.
                    throw new ScenarioInvalidException(fileName, "scenarios[" + sc.label() + "] at " + p.label(),
                            e.getMessage().replaceFirst(" \\(expected: .*\\)$", ""), expectedOf(e.getMessage()));
                }
            }
        }
    }

    private static String expectedOf(String message) {
        int at = message.lastIndexOf(" (expected: ");
        return at < 0 ? "a scenario that loads" : message.substring(at + 12, message.length() - 1);
    }

    /** The overrides of one trial: the scenario's own, then the point's settings, then the trial's seed. */
    public static List<String> trialOverrides(SweepScenario scenario, SweepPoint point, long seed) {
        List<String> all = new ArrayList<>(scenario.overrides());
        all.addAll(point.overrides());
        all.add("seed=" + seed);
        return all;
    }

    private static List<String> overrides(YamlReader set) {
        List<String> out = new ArrayList<>();
        if (set.isMissing()) {
            return out;
        }
        set.requireObject();
        set.node().fields().forEachRemaining(e -> out.add(e.getKey() + "=" + e.getValue().toString()));
        return out;
    }

    private List<SweepScenario> scenarios(YamlReader list, List<String> common, Path sweepFile) {
        list.requireArray();
        if (list.size() == 0) {
            throw list.invalid("[]", "at least one scenario");
        }
        List<SweepScenario> out = new ArrayList<>();
        Set<String> labels = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            YamlReader s = list.index(i).requireObject().onlyFields(Set.of("scenario", "label", "set", "goodTruth"));
            String ref = s.string("scenario", null);
            Path relative = sweepFile.toAbsolutePath().getParent().resolve(ref);
            String located = Files.isRegularFile(relative) ? relative.toString() : ref;
            List<String> overrides = new ArrayList<>(common);
            overrides.addAll(overrides(s.at("set")));
            String label = s.string("label", Path.of(ref).getFileName().toString().replaceFirst("\\.ya?ml$", ""));
            if (!labels.add(label)) {
                throw s.invalidField("label", label, "a label not used by another scenario of the sweep");
            }
            Set<String> good = new LinkedHashSet<>();
            YamlReader g = s.at("goodTruth");
            if (g.isMissing()) {
                good.add("up");
            } else {
                g.requireArray();
                for (int k = 0; k < g.size(); k++) {
                    String state = g.index(k).node().asText();
                    if (!Set.of("up", "degraded").contains(state)) {
                        throw g.index(k).invalid(state, "up or degraded");
                    }
                    good.add(state);
                }
            }
            out.add(new SweepScenario(located, label, overrides, good));
        }
        return out;
    }

    private static List<SweepParameter> parameters(YamlReader params) {
        params.requireObject();
        if (params.node().size() == 0) {
            throw params.invalid("{}", "at least one parameter: a gateway config path with a list or range");
        }
        List<SweepParameter> out = new ArrayList<>();
        var fields = params.node().fields();
        while (fields.hasNext()) {
            var field = fields.next();
            String path = field.getKey().startsWith("gateway.config.")
                    ? field.getKey().substring("gateway.config.".length()) : field.getKey();
            YamlReader v = params.at(field.getKey());
            if (!path.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*")) {
                throw params.invalidField(field.getKey(), "bad path", "a gateway config path like healthCheck.interval");
            }
            if (v.node().isArray()) {
                if (v.size() == 0) {
                    throw v.invalid("[]", "at least one value");
                }
                List<JsonNode> values = new ArrayList<>();
                for (int i = 0; i < v.size(); i++) {
                    JsonNode n = v.index(i).node();
                    if (!n.isValueNode()) {
                        throw v.index(i).invalid(n.toString(), "a scalar value");
                    }
                    values.add(n);
                }
                out.add(new SweepParameter(path, values, null));
            } else if (v.node().isObject()) {
                out.add(new SweepParameter(path, List.of(), range(v.onlyFields(Set.of("from", "to", "step")))));
            } else {
                throw v.invalid(v.node().toString(), "a list [a, b, ...] or a range { from, to, step }");
            }
        }
        return out;
    }

    private static SweepParameter.Range range(YamlReader v) {
        String fromText = v.string("from", null);
        String toText = v.string("to", null);
        String stepText = v.has("step") ? v.string("step", null) : null;
        Duration from = Durations.parseOrNull(fromText);
        SweepParameter.Range.Kind kind;
        double a;
        double b;
        Double step = null;
        if (from != null) {
            kind = SweepParameter.Range.Kind.DURATION;
            a = from.toNanos() / 1e6;
            b = durationMs(v, "to", toText);
            step = stepText == null ? null : durationMs(v, "step", stepText);
        } else {
            a = number(v, "from", fromText);
            b = number(v, "to", toText);
            step = stepText == null ? null : number(v, "step", stepText);
            boolean integral = isIntegral(fromText) && isIntegral(toText) && (stepText == null || isIntegral(stepText));
            kind = integral ? SweepParameter.Range.Kind.INTEGER : SweepParameter.Range.Kind.NUMBER;
        }
        if (b < a) {
            throw v.invalidField("to", toText, ">= from (" + fromText + ")");
        }
        if (step != null && step <= 0) {
            throw v.invalidField("step", stepText, "> 0");
        }
        if (step != null && (b - a) / step + 1 > MAX_POINTS) {
            throw v.invalidField("step", stepText, "at most " + MAX_POINTS + " values from " + fromText + " to " + toText);
        }
        return new SweepParameter.Range(a, b, step, kind);
    }

    private static boolean isIntegral(String text) {
        return text.trim().matches("-?\\d+");
    }

    private static double durationMs(YamlReader v, String field, String text) {
        Duration d = Durations.parseOrNull(text);
        if (d == null) {
            throw v.invalidField(field, text, Durations.RULE + " (from is a duration)");
        }
        return d.toNanos() / 1e6;
    }

    private static double number(YamlReader v, String field, String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw v.invalidField(field, text, "a number, or a duration like 250ms");
        }
    }

    private static Objective objective(YamlReader o) {
        if (o.isMissing()) {
            return new Objective(SweepMetric.DETECTION_TIME, "p95", true);
        }
        o.requireObject().onlyFields(Set.of("minimise", "minimize", "maximise", "maximize", "statistic"));
        List<String> directions = List.of("minimise", "minimize", "maximise", "maximize");
        List<String> given = directions.stream().filter(o::has).toList();
        if (given.size() != 1) {
            throw o.invalid(o.node().toString(), "exactly one of minimise: <metric> or maximise: <metric>");
        }
        SweepMetric metric = metric(o.at(given.get(0)));
        String statistic = o.oneOf("statistic", "mean", Objective.STATISTICS);
        return new Objective(metric, statistic, given.get(0).startsWith("minimi"));
    }

    private static SweepMetric metric(YamlReader m) {
        String name = m.node() == null ? "missing" : m.node().asText();
        SweepMetric metric = SweepMetric.byName(name);
        if (metric == null) {
            throw m.invalid(name, "one of " + SweepMetric.names());
        }
        return metric;
    }

    private static List<Constraint> constraints(YamlReader c) {
        List<Constraint> out = new ArrayList<>();
        if (c.isMissing()) {
            return out;
        }
        c.requireObject();
        var fields = c.node().fields();
        while (fields.hasNext()) {
            var field = fields.next();
            try {
                out.add(Constraint.parse(field.getKey(), field.getValue().asText()));
            } catch (IllegalArgumentException bad) {
                String msg = bad.getMessage();
                int at = msg.lastIndexOf(" (expected: ");
                throw c.invalidField(field.getKey(), msg.substring(0, at), msg.substring(at + 12, msg.length() - 1));
            }
        }
        return out;
    }

    private static String parameterPath(YamlReader h, String axis, List<SweepParameter> parameters) {
        String path = h.string(axis, null).replaceFirst("^gateway\\.config\\.", "");
        if (parameters.stream().noneMatch(p -> p.path().equals(path))) {
            throw h.invalidField(axis, path, "one of the swept parameters: "
                    + String.join(", ", parameters.stream().map(SweepParameter::path).toList()));
        }
        return path;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
