package dev.gauntlet.harness.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * One gateway setting a sweep varies: a path under the scenario's {@code gateway.config} and either a
 * list of values or a range.
 *
 * <pre>{@code
 * parameters:
 *   healthCheck.interval: [500ms, 1s]                                   # a list
 *   outlierDetection.consecutiveGatewayFailure: { from: 2, to: 8, step: 2 }   # a range: 2, 4, 6, 8
 *   healthCheck.timeout: { from: 200ms, to: 1s }                         # random search only (no step)
 * }</pre>
 *
 * @param path   relative to {@code gateway.config}, e.g. {@code healthCheck.interval}
 * @param values the listed values as YAML nodes; empty when a range is given
 * @param range  null when values are listed
 */
public record SweepParameter(String path, List<JsonNode> values, Range range) {

    public SweepParameter {
        values = List.copyOf(values);
    }

    /** The {@code --set} path the scenario loader understands. */
    public String overridePath() {
        return "gateway.config." + path;
    }

    /** The values a grid visits: the list, or the range stepped from {@code from} to {@code to}. */
    public List<JsonNode> gridValues() {
        return range == null ? values : range.steps();
    }

    /** One value drawn for a random-search point. */
    public JsonNode sample(Random random) {
        return range == null ? values.get(random.nextInt(values.size())) : range.sample(random);
    }

    /**
     * A numeric range; durations are in milliseconds and rendered back as {@code 750ms}.
     *
     * @param step null: only random search may use it
     */
    public record Range(double from, double to, Double step, Kind kind) {

        /** How the numbers of a range are written back into the config. */
        public enum Kind { INTEGER, NUMBER, DURATION }

        public List<JsonNode> steps() {
            List<JsonNode> out = new ArrayList<>();
            for (int i = 0; from + i * step <= to + 1e-9; i++) {
                out.add(node(from + i * step));
            }
            return out;
        }

        public JsonNode sample(Random random) {
            double v = from + random.nextDouble() * (to - from);
            return node(kind == Kind.INTEGER ? Math.round(v) : v);
        }

        JsonNode node(double v) {
            JsonNodeFactory f = JsonNodeFactory.instance;
            return switch (kind) {
                case INTEGER -> f.numberNode(Math.round(v));
                case DURATION -> f.textNode(Math.round(v) + "ms");
                case NUMBER -> f.numberNode(Double.parseDouble(String.format(Locale.ROOT, "%.6g", v)));
            };
        }
    }
}
