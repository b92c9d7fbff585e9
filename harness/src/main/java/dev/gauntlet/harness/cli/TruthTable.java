package dev.gauntlet.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

/**
 * The measurement truth table: for each gateway kind × scenario of gate runs, the detection and recovery
 * figures of every run's faults (median, min/max, coefficient of variation) and how many runs fell inside the
 * kind's predicted bound, read from the runs' {@code run.json} and {@code result.json} alone.
 *
 * <pre>{@code
 * List<TruthTable.Row> rows = TruthTable.rows(List.of(Path.of("runs/gates/20261204-170000-truth")));
 * System.out.println(TruthTable.markdown(rows));
 * }</pre>
 *
 * A run counts as inside only when its verdict on the bound is known and true; undecided runs (no bound, a
 * bracket straddling a bound end, an unverified fault) are counted apart, never as inside.
 */
final class TruthTable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One kind × scenario: the runs' figures, in ms. */
    record Row(String kind, String scenario, String action, List<Double> detections, List<Double> recoveries,
               int runs, int detectionInside, int detectionOutside, int recoveryInside, int recoveryOutside,
               List<String> mechanisms, String bound, String recoveryBound) {
    }

    private TruthTable() {
    }

    static List<Row> rows(List<Path> gateDirs) throws IOException {
        Map<String, List<JsonNode[]>> byKey = new TreeMap<>();
        for (Path gate : gateDirs) {
            Path runs = gate.resolve("runs");
            if (!Files.isDirectory(runs)) {
                throw new IllegalArgumentException(gate + " (expected: a gate directory holding runs/)");
            }
            try (Stream<Path> dirs = Files.list(runs)) {
                for (Path run : dirs.sorted(Comparator.comparing(Path::toString)).toList()) {
                    if (!Files.isRegularFile(run.resolve("result.json")) || !Files.isRegularFile(run.resolve("run.json"))) {
                        continue;
                    }
                    JsonNode manifest = JSON.readTree(run.resolve("run.json").toFile());
                    JsonNode result = JSON.readTree(run.resolve("result.json").toFile());
                    String kind = manifest.path("gateway_kind").asText("builtin");
                    String scenario = manifest.path("scenario").asText(result.path("scenario").asText("?"));
                    byKey.computeIfAbsent(kind + "\t" + scenario, k -> new ArrayList<>()).add(new JsonNode[] {manifest, result});
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        byKey.forEach((key, runs) -> rows.add(row(key.split("\t")[0], key.split("\t")[1], runs)));
        return rows;
    }

    private static Row row(String kind, String scenario, List<JsonNode[]> runs) {
        List<Double> det = new ArrayList<>();
        List<Double> rec = new ArrayList<>();
        List<String> mechanisms = new ArrayList<>();
        int[] counts = new int[4];
        String action = "";
        String bound = "";
        String recoveryBound = "";
        for (JsonNode[] run : runs) {
            for (JsonNode f : run[1].path("faults")) {
                action = f.path("action").asText(action);
                if (f.path("detection_ms").isNumber()) {
                    det.add(f.path("detection_ms").asDouble());
                }
                if (f.path("recovery_ms").isNumber()) {
                    rec.add(f.path("recovery_ms").asDouble());
                }
                count(f.path("inside_bound"), counts, 0);
                count(f.path("recovery_inside_bound"), counts, 2);
                String mechanism = f.path("mechanism").asText("");
                if (!mechanism.isEmpty()) {
                    mechanisms.add(mechanism);
                }
                bound = range(f.path("bound_ms"), bound);
                recoveryBound = range(f.path("recovery_bound_ms"), recoveryBound);
            }
        }
        return new Row(kind, scenario, action, det, rec, runs.size(), counts[0], counts[1], counts[2], counts[3],
                mechanisms, bound, recoveryBound);
    }

    private static void count(JsonNode inside, int[] counts, int at) {
        if (inside.isBoolean()) {
            counts[inside.asBoolean() ? at : at + 1]++;
        }
    }

    private static String range(JsonNode bound, String previous) {
        if (!bound.isArray() || bound.size() != 2) {
            return previous;
        }
        return String.format(Locale.ROOT, "[%.0f, %.0f]", bound.get(0).asDouble(), bound.get(1).asDouble());
    }

    /** "median (min–max) CV x%" of {@code ms}, or "—" when there is none. */
    static String spread(List<Double> ms) {
        if (ms.isEmpty()) {
            return "—";
        }
        DescriptiveStatistics s = new DescriptiveStatistics();
        ms.forEach(s::addValue);
        double median = s.getPercentile(50);
        String cv = ms.size() < 2 || s.getMean() == 0 ? "—"
                : String.format(Locale.ROOT, "%.0f%%", 100 * s.getStandardDeviation() / s.getMean());
        return String.format(Locale.ROOT, "%.0f (%.0f–%.0f) CV %s", median, s.getMin(), s.getMax(), cv);
    }

    static String markdown(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| kind | scenario | runs | detection ms: median (min–max) CV | bound | inside / outside / undecided"
                + " | recovery ms: median (min–max) CV | bound | inside / outside / undecided | mechanism |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            out.append("| ").append(r.kind()).append(" | ").append(r.scenario()).append(" | ").append(r.runs())
                    .append(" | ").append(spread(r.detections())).append(" | ").append(r.bound())
                    .append(" | ").append(r.detectionInside()).append(" / ").append(r.detectionOutside()).append(" / ")
                    .append(Math.max(0, r.runs() - r.detectionInside() - r.detectionOutside()))
                    .append(" | ").append(spread(r.recoveries())).append(" | ").append(r.recoveryBound())
                    .append(" | ").append(r.recoveryInside()).append(" / ").append(r.recoveryOutside()).append(" / ")
                    .append(Math.max(0, r.runs() - r.recoveryInside() - r.recoveryOutside()))
                    .append(" | ").append(mechanisms(r.mechanisms())).append(" |\n");
        }
        return out.toString();
    }

    private static String mechanisms(List<String> all) {
        if (all.isEmpty()) {
            return "—";
        }
        Map<String, Integer> counts = new TreeMap<>();
        all.forEach(m -> counts.merge(m, 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((m, n) -> parts.add(m + " ×" + n));
        return String.join(", ", parts);
    }
}
