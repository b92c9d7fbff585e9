package dev.gauntlet.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scenario library's results table, built from one gate run of a suite (its {@code gate.json} and each
 * run's {@code result.json}) and the scenario files' headers, and written between two markers of a Markdown
 * file. A scenario whose header starts {@code # BAD SETTING … meant to FAIL its <check> expectation} is the
 * bad half of a pair: it is "as designed" when it fails and that very check failed.
 *
 * <pre>{@code
 * List<LibraryTable.Row> rows = LibraryTable.rows(gateDir, scenariosDir);
 * LibraryTable.write(readme, LibraryTable.render(rows, LibraryTable.summary(gateDir, rows)));
 * }</pre>
 */
final class LibraryTable {

    static final String BEGIN = "<!-- results:begin -->";
    static final String END = "<!-- results:end -->";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BAD = Pattern.compile("^# BAD SETTING.*meant to FAIL its (\\S+) expectation");
    private static final Pattern GUIDE = Pattern.compile("guide (\\d\\.\\d|chapter \\d)");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** One scenario's line of the table; {@code gate} is the gate directory it was read from. */
    record Row(String scenario, String guide, String verdict, String failsOn, boolean asDesigned, String score,
               String avoidableNhu, String worstDetection, String worstRecovery, String availability, String gate) {
    }

    private LibraryTable() {
    }

    /**
     * The rows of the first gate run, each replaced by the same scenario's row from a later gate run in the list
     * (a scenario re-run after a fix), in the first run's order; scenarios only a later run has (added to the
     * library since) come after them.
     */
    static List<Row> rows(List<Path> gateDirs, Path scenariosDir) throws IOException {
        java.util.Map<String, Row> byName = new java.util.LinkedHashMap<>();
        for (Path dir : gateDirs) {
            for (Row r : rows(dir, scenariosDir)) {
                byName.put(r.scenario(), r);
            }
        }
        return List.copyOf(byName.values());
    }

    static List<Row> rows(Path gateDir, Path scenariosDir) throws IOException {
        JsonNode gate = JSON.readTree(gateDir.resolve("gate.json").toFile());
        List<Row> rows = new ArrayList<>();
        for (JsonNode entry : gate.path("scenarios")) {
            String name = Path.of(entry.path("scenario").asText()).getFileName().toString().replaceFirst("\\.ya?ml$", "");
            Path file = scenariosDir.resolve(name + ".yaml");
            // the first line after the editor's schema line (# yaml-language-server: ...)
            String first = Files.isRegularFile(file) ? Files.readAllLines(file).stream()
                    .filter(line -> !line.startsWith("# yaml-language-server:")).findFirst().orElse("") : "";
            String header = Files.isRegularFile(file) ? Files.readString(file) : "";
            Matcher bad = BAD.matcher(first);
            Matcher guide = GUIDE.matcher(header);
            String failsOn = bad.find() ? bad.group(1) : null;
            JsonNode gated = entry.path("gated");
            String verdict = gated.path("verdict").asText("unknown");
            JsonNode result = entry.path("runs").size() == 0 ? JSON.nullNode()
                    : JSON.readTree(gateDir.resolve(entry.path("runs").get(0).asText()).resolve("result.json").toFile());
            boolean asDesigned = failsOn == null ? "pass".equals(verdict)
                    : "fail".equals(verdict) && checkFailed(gated, failsOn);
            rows.add(new Row(entry.path("label").asText(name), guide.find() ? guide.group(1) : "", verdict, failsOn,
                    asDesigned, number(result.path("score"), "%.1f"), millis(result.path("metrics").path("avoidable_nhu_ms")),
                    worstDetection(result.path("faults")), worstRecovery(result.path("faults")),
                    percent(result.path("metrics").path("availability")),
                    gateDir.getFileName().toString()));
        }
        return rows;
    }

    private static boolean checkFailed(JsonNode gated, String check) {
        for (JsonNode c : gated.path("checks")) {
            if (check.equals(c.path("name").asText()) && "fail".equals(c.path("verdict").asText())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The detected fault whose detection used the largest share of its upper bound, with the mechanism that fired and
     * the bracket of the true time: "outlier_ejection 41–41.5 ms / 15–100 ms" (a result.json scored before brackets:
     * "754 ms / 4875 ms").
     */
    static String worstDetection(JsonNode faults) {
        return worst(faults, "detection_ms", "detection_bracket_ms", "bound_ms", "mechanism");
    }

    /** As {@link #worstDetection}, for recovery: the mechanism is the one that held the endpoint out at the heal. */
    static String worstRecovery(JsonNode faults) {
        return worst(faults, "recovery_ms", "recovery_bracket_ms", "recovery_bound_ms", "recovery_mechanism");
    }

    private static String worst(JsonNode faults, String valueField, String bracketField, String boundField,
                                String mechanismField) {
        JsonNode worst = null;
        double share = -1;
        for (JsonNode f : faults) {
            JsonNode bound = f.path(boundField);
            JsonNode bracket = f.path(bracketField);
            double value = bracket.isArray() && bracket.size() == 2 ? bracket.get(1).asDouble() : f.path(valueField).asDouble();
            if (f.path(valueField).isNumber() && bound.isArray() && bound.size() == 2 && bound.get(1).asDouble() > 0) {
                double s = value / bound.get(1).asDouble();
                if (s > share) {
                    share = s;
                    worst = f;
                }
            }
        }
        if (worst == null) {
            return "—";
        }
        JsonNode bracket = worst.path(bracketField);
        String measured = bracket.isArray() && bracket.size() == 2
                ? span(bracket.get(0).asDouble(), bracket.get(1).asDouble())
                : String.format(Locale.ROOT, "%.0f ms", worst.path(valueField).asDouble());
        JsonNode bound = worst.path(boundField);
        String mechanism = worst.path(mechanismField).isTextual() ? worst.path(mechanismField).asText() + " " : "";
        String boundText = bracket.isArray() ? span(bound.get(0).asDouble(), bound.get(1).asDouble())
                : String.format(Locale.ROOT, "%.0f ms", bound.get(1).asDouble());
        return mechanism + measured + " / " + boundText;
    }

    /** "41 ms" for an exact figure, "41–41.5 ms" for a bracket. */
    private static String span(double low, double high) {
        return low == high ? trim(low) + " ms" : trim(low) + "–" + trim(high) + " ms";
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    /** The summary of the first gate run, plus which scenarios a later one re-ran. */
    static String summary(List<Path> gateDirs, List<Row> rows) throws IOException {
        StringBuilder s = new StringBuilder(summary(gateDirs.get(0), rows));
        for (Path later : gateDirs.subList(1, gateDirs.size())) {
            List<String> names = rows.stream().filter(r -> r.gate().equals(later.getFileName().toString()))
                    .map(r -> "`" + r.scenario() + "`").toList();
            s.append(String.format(Locale.ROOT, " Re-run or added in gate `%s`%s: %s.", later.getFileName(), wallTime(later),
                    String.join(", ", names)));
        }
        return s.toString();
    }

    /** "N passed, M failed (K of them bad halves failing as designed); wall time 31 min 20 s". */
    static String summary(Path gateDir, List<Row> rows) throws IOException {
        long passed = rows.stream().filter(r -> "pass".equals(r.verdict())).count();
        long failed = rows.stream().filter(r -> "fail".equals(r.verdict())).count();
        long designed = rows.stream().filter(r -> r.failsOn() != null && r.asDesigned()).count();
        long unexpected = rows.stream().filter(r -> !r.asDesigned()).count();
        return String.format(Locale.ROOT, "Gate run `%s`: %d scenarios, %d passed, %d failed (%d of them bad halves"
                + " failing on their check, as designed); %d not as designed%s.", gateDir.getFileName(), rows.size(), passed,
                failed, designed, unexpected, wallTime(gateDir).replaceFirst("^ \\(", "; ").replaceFirst("\\)$", ""));
    }

    /** " (wall time 31 min 20 s)": from the directory's stamp to its gate.json; "" when the name has no stamp. */
    private static String wallTime(Path gateDir) throws IOException {
        Matcher stamp = Pattern.compile("^(\\d{8}-\\d{6})-").matcher(gateDir.getFileName().toString());
        if (!stamp.find()) {
            return "";
        }
        long start = LocalDateTime.parse(stamp.group(1), STAMP).atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
        Duration d = Duration.ofMillis(Files.getLastModifiedTime(gateDir.resolve("gate.json")).toMillis() - start);
        return String.format(Locale.ROOT, " (wall time %d min %02d s)", d.toMinutes(), d.toSecondsPart());
    }

    static String render(List<Row> rows, String summary) {
        StringBuilder t = new StringBuilder();
        t.append(summary).append("\n\n");
        t.append("| scenario | guide | verdict | as designed | score | avoidable NHU | worst detection / bound"
                + " | worst recovery / bound | availability |\n");
        t.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            String verdict = r.failsOn() == null ? r.verdict() : r.verdict() + " (bad half: " + r.failsOn() + ")";
            t.append(String.format(Locale.ROOT, "| `%s` | %s | %s | %s | %s | %s | %s | %s | %s |%n", r.scenario(),
                    r.guide(), verdict, r.asDesigned() ? "yes" : "**no**", r.score(), r.avoidableNhu(), r.worstDetection(),
                    r.worstRecovery(), r.availability()));
        }
        return t.toString();
    }

    /** Replaces what lies between the markers (which must both be there) and leaves the rest as it was. */
    static String replaceBetweenMarkers(String document, String table) {
        int begin = document.indexOf(BEGIN);
        int end = document.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("markers " + BEGIN + " and " + END + " (in that order) not found");
        }
        return document.substring(0, begin + BEGIN.length()) + "\n" + table + document.substring(end);
    }

    private static String number(JsonNode n, String format) {
        return n.isNumber() ? String.format(Locale.ROOT, format, n.asDouble()) : "—";
    }

    private static String millis(JsonNode n) {
        return n.isNumber() ? (n.asDouble() >= 1000 ? String.format(Locale.ROOT, "%.1f s", n.asDouble() / 1000)
                : String.format(Locale.ROOT, "%.0f ms", n.asDouble())) : "—";
    }

    private static String percent(JsonNode n) {
        return n.isNumber() ? String.format(Locale.ROOT, "%.2f%%", 100 * n.asDouble()) : "—";
    }
}
