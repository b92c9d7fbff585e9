package dev.gauntlet.harness.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The points a sweep visits: every combination (grid), or {@code samples} distinct draws from a
 * {@link Random} seeded by the sweep's seed (random search), so a sweep file always means the same points.
 *
 * <pre>{@code
 * List<SweepPoint> points = SearchSpace.points(sweep);   // grid of [500ms, 1s] × [2, 3]: 4 points
 * }</pre>
 */
public final class SearchSpace {

    /** Random search gives up drawing new points after this many duplicates in a row (a small space). */
    private static final int MAX_DUPLICATE_DRAWS = 1000;

    private SearchSpace() {
    }

    public static List<SweepPoint> points(SweepConfig sweep) {
        return SweepConfig.RANDOM.equals(sweep.search())
                ? random(sweep.parameters(), sweep.samples(), sweep.seed())
                : grid(sweep.parameters());
    }

    /** Cartesian product, the last parameter varying fastest. */
    public static List<SweepPoint> grid(List<SweepParameter> parameters) {
        List<Map<String, JsonNode>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        for (SweepParameter p : parameters) {
            List<Map<String, JsonNode>> next = new ArrayList<>();
            for (Map<String, JsonNode> combo : combos) {
                for (JsonNode v : p.gridValues()) {
                    Map<String, JsonNode> m = new LinkedHashMap<>(combo);
                    m.put(p.path(), v);
                    next.add(m);
                }
            }
            combos = next;
        }
        List<SweepPoint> out = new ArrayList<>();
        for (Map<String, JsonNode> combo : combos) {
            out.add(new SweepPoint(out.size(), combo));
        }
        return out;
    }

    public static List<SweepPoint> random(List<SweepParameter> parameters, int samples, long seed) {
        Random random = new Random(seed);
        Set<Map<String, JsonNode>> seen = new LinkedHashSet<>();
        int duplicates = 0;
        while (seen.size() < samples && duplicates < MAX_DUPLICATE_DRAWS) {
            Map<String, JsonNode> m = new LinkedHashMap<>();
            parameters.forEach(p -> m.put(p.path(), p.sample(random)));
            duplicates = seen.add(m) ? 0 : duplicates + 1;
        }
        List<SweepPoint> out = new ArrayList<>();
        for (Map<String, JsonNode> m : seen) {
            out.add(new SweepPoint(out.size(), m));
        }
        return out;
    }
}
