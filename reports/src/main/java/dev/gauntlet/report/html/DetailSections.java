package dev.gauntlet.report.html;

import static dev.gauntlet.report.html.Html.esc;
import static dev.gauntlet.report.html.Html.td;

import dev.gauntlet.report.run.FaultResult;
import dev.gauntlet.report.run.Metrics;
import dev.gauntlet.report.run.PhaseMetrics;
import dev.gauntlet.report.run.RunDirectory;
import dev.gauntlet.report.run.TimelineEvent;
import dev.gauntlet.report.text.Display;
import dev.gauntlet.report.timeline.FaultWindow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The lower half of the report: per-fault table, per-phase metrics, links to the raw files. */
final class DetailSections {

    private static final List<String> PHASE_ORDER = List.of("baseline", "fault", "recovery");

    private DetailSections() {
    }

    static void faults(StringBuilder out, ReportData d) {
        out.append("<h2 id=\"faults\">Faults</h2>\n");
        if (d.result() != null && !d.result().faults().isEmpty()) {
            out.append("<table class=\"faults\">\n").append(Html.th("fault", "action", "target", "at", "healed at",
                    "verified", "detection", "detection bound", "recovery", "recovery bound", "inside bound?"));
            for (FaultResult f : d.result().faults()) {
                out.append("<tr>").append(td(f.faultId())).append(td(f.action() + kind(f.detection())))
                        .append(td(f.target())).append(td(Display.seconds(f.atMs() / 1000.0), "num"))
                        .append(td(f.healedAtMs() == null ? "not healed" : Display.seconds(f.healedAtMs() / 1000.0), "num"))
                        .append(verified(f.verified(), f.verification()))
                        .append(figure(f.detectionBracketMs(), f.detectionMs(), "not detected", f.mechanism(),
                                f.mechanismDetail(), f.detectionNote()))
                        .append(td(Display.bound(f.boundMs()), "num"))
                        .append(figure(f.recoveryBracketMs(), f.recoveryMs(), "not recovered", f.recoveryMechanism(),
                                null, f.recoveryNote()))
                        .append(td(Display.bound(f.recoveryBoundMs()), "num"))
                        .append(td("detection " + Display.yesNo(f.insideBound()) + ", recovery "
                                + Display.yesNo(f.recoveryInsideBound()), insideClass(f))).append("</tr>\n");
            }
            out.append("</table>\n");
            return;
        }
        List<FaultWindow> windows = d.truth().faultWindows();
        if (windows.isEmpty()) {
            out.append("<p>No faults were injected.</p>\n");
            return;
        }
        // Not scored: the timeline still says what was done and whether it was verified.
        Map<String, TimelineEvent> injects = new LinkedHashMap<>();
        d.timeline().stream().filter(e -> TimelineEvent.INJECT.equals(e.op()) && e.faultId() != null)
                .forEach(e -> injects.putIfAbsent(e.faultId(), e));
        out.append("<p class=\"unknown\">Detection and recovery are not scored for this run; faults as recorded in timeline.jsonl:</p>\n");
        out.append("<table class=\"faults\">\n").append(Html.th("fault", "action", "target", "at", "healed at", "verified",
                "detection"));
        long origin = d.manifest().startUs();
        for (FaultWindow w : windows) {
            TimelineEvent inject = injects.get(w.faultId());
            out.append("<tr>").append(td(w.faultId())).append(td(w.action())).append(td(w.target()))
                    .append(td(Display.seconds(w.interval().startSeconds(origin)), "num"))
                    .append(td(w.healed() ? Display.seconds(w.interval().endSeconds(origin)) : "not healed", "num"))
                    .append(inject == null ? td(Display.UNKNOWN) : verified(inject.verified(), inject.verification()))
                    .append(td(Display.UNKNOWN)).append("</tr>\n");
        }
        out.append("</table>\n");
    }

    /**
     * A detection or recovery cell: the bracket of the true time, the mechanism (and what it saw), and the scorer's
     * note (which mechanism fired and why the others did not, or why it is unknown) in small print. Results scored
     * before brackets show the single figure.
     */
    private static String figure(List<Double> bracket, Double ms, String none, String mechanism, String detail, String note) {
        String value = ms == null && bracket == null ? none : Display.bracket(bracket, ms);
        String by = mechanism == null ? "" : Display.mechanism(mechanism) + (detail == null ? "" : " (" + detail + ")");
        StringBuilder cell = new StringBuilder("<td class=\"num\">").append(esc(value));
        if (!by.isEmpty()) {
            cell.append("<br><span class=\"meta\">").append(esc(by)).append("</span>");
        }
        if (note != null && !note.isBlank()) {
            cell.append("<br><span class=\"meta\">").append(esc(note)).append("</span>");
        }
        return cell.append("</td>").toString();
    }

    private static String kind(String detection) {
        return detection == null || detection.isBlank() ? "" : " (" + detection + ")";
    }

    private static String verified(boolean verified, String how) {
        return "<td class=\"" + (verified ? "yes" : "no") + "\">" + (verified ? "✔ yes" : "✘ no")
                + (how == null || how.isBlank() ? "" : "<br><span class=\"meta\">" + esc(how) + "</span>") + "</td>";
    }

    private static String insideClass(FaultResult f) {
        if (Boolean.FALSE.equals(f.insideBound()) || Boolean.FALSE.equals(f.recoveryInsideBound())) {
            return "no";
        }
        return Boolean.TRUE.equals(f.insideBound()) ? "yes" : "unknown";
    }

    static void phases(StringBuilder out, ReportData d) {
        out.append("<h2 id=\"phases\">Metrics per phase</h2>\n");
        Metrics m = d.result() == null ? null : d.result().metrics();
        if (m == null) {
            out.append("<p class=\"unknown\">unknown: no metrics were recorded for this run.</p>\n");
            return;
        }
        out.append("<p class=\"meta\">Phases by request start: baseline before the first fault, fault while one is active,"
                + " recovery after the last heal. Achieved rate ").append(esc(rate(m.achievedRatePerSec())))
                .append(" of target ").append(esc(rate(m.targetRatePerSec()))).append(".</p>\n");
        out.append("<table class=\"phases\">\n").append(Html.th("phase", "window", "requests", "availability",
                "p50", "p90", "p99", "max", "avoidable NHU", "unavoidable NHU", "false ejections", "NHU answer p99",
                "failures by cause"));
        List<String> names = new ArrayList<>(m.phases().keySet());
        names.sort(Comparator.comparingInt(n -> PHASE_ORDER.contains(n) ? PHASE_ORDER.indexOf(n) : PHASE_ORDER.size()));
        for (String name : names) {
            PhaseMetrics p = m.phases().get(name);
            out.append("<tr>").append(td(name))
                    .append(td(Display.seconds(p.startMs() / 1000.0) + " – " + Display.seconds(p.endMs() / 1000.0)))
                    .append(td(Long.toString(p.requests()), "num")).append(num(Display.percent(p.availability())))
                    .append(num(Display.ms(p.p50Ms()))).append(num(Display.ms(p.p90Ms())))
                    .append(num(Display.ms(p.p99Ms()))).append(num(Display.ms(p.maxMs())))
                    .append(num(Display.duration(p.avoidableNhuMs()))).append(num(Display.duration(p.unavoidableNhuMs())))
                    .append(num(falseEjections(p.falseEjections(), p.falseEjectionSeconds())))
                    .append(num(SummarySection.nhuP99(p.nhuLatencyP99Ms(), p.causes())))
                    .append(td(failures(p.causes()))).append("</tr>\n");
        }
        out.append("<tr><td><strong>overall</strong></td>").append(td(Display.seconds(0) + " – "
                        + Display.seconds(d.durationSeconds())))
                .append(td(Long.toString(m.requests()), "num")).append(num(Display.percent(m.availability())))
                .append(num(Display.ms(m.p50Ms()))).append(num(Display.ms(m.p90Ms())))
                .append(num(Display.ms(m.p99Ms()))).append(num(Display.ms(m.maxMs())))
                .append(num(Display.duration(m.avoidableNhuMs()))).append(num(Display.duration(m.unavoidableNhuMs())))
                .append(num(falseEjections(m.falseEjections(), m.falseEjectionSeconds())))
                .append(num(SummarySection.nhuP99(m.nhuLatencyP99Ms(), m.causes())))
                .append(td(failures(m.causes()))).append("</tr>\n</table>\n");
    }

    /** {@code "2 (6.00 s)"}: how many, and the endpoint-seconds they took out; unknown without a view. */
    static String falseEjections(Long count, Double seconds) {
        if (count == null) {
            return Display.UNKNOWN;
        }
        return count + (seconds == null ? "" : String.format(java.util.Locale.ROOT, " (%.2f s)", seconds));
    }

    private static String num(String text) {
        return td(text, Html.isUnknown(text) ? "num unknown" : "num");
    }

    private static String rate(Double perSec) {
        return perSec == null ? Display.UNKNOWN : String.format(java.util.Locale.ROOT, "%.1f/s", perSec);
    }

    /** Non-ok causes, largest first: {@code "UH 120, backend_5xx 3"}, or "none". */
    private static String failures(Map<String, Long> causes) {
        String s = causes.entrySet().stream()
                .filter(e -> !"ok".equals(e.getKey()) && e.getValue() != null && e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> e.getKey() + " " + e.getValue())
                .reduce((a, b) -> a + ", " + b).orElse("none");
        return s;
    }

    static void links(StringBuilder out, ReportData d) {
        Path root = d.dir().root();
        out.append("<h2 id=\"files\">Files of this run</h2>\n<ul class=\"links\">\n");
        Path gatling = gatlingIndex(root);
        out.append(gatling == null
                ? "<li class=\"missing\">Gatling report: none found under gatling/</li>\n"
                : link(root, gatling, "Gatling's own report (" + root.relativize(gatling) + ")"));
        for (String name : List.of(RunDirectory.RESULT, RunDirectory.TIMELINE, RunDirectory.VIEW, RunDirectory.REQUESTS,
                RunDirectory.MANIFEST, RunDirectory.SCENARIO, RunDirectory.JUNIT, RunDirectory.SUMMARY)) {
            Path p = root.resolve(name);
            boolean required = name.equals(RunDirectory.RESULT) || name.equals(RunDirectory.TIMELINE);
            if (Files.exists(p)) {
                out.append(link(root, p, name));
            } else if (required) {
                out.append("<li class=\"missing\">").append(esc(name)).append(" (missing)</li>\n");
            }
        }
        List<Path> logs = logs(root);
        if (logs.isEmpty()) {
            out.append("<li class=\"missing\">logs: no *.log files in the run directory</li>\n");
        }
        logs.forEach(p -> out.append(link(root, p, "log: " + p.getFileName())));
        out.append("</ul>\n");
    }

    private static String link(Path root, Path target, String text) {
        return "<li><a href=\"" + Html.href(root.relativize(target).toString()) + "\">" + esc(text) + "</a></li>\n";
    }

    /** The shallowest {@code index.html} under {@code gatling/} (Gatling nests it in a per-run folder). */
    static Path gatlingIndex(Path root) {
        Path gatling = root.resolve("gatling");
        if (!Files.isDirectory(gatling)) {
            return null;
        }
        try (Stream<Path> s = Files.walk(gatling, 5)) {
            return s.filter(p -> p.getFileName().toString().equals("index.html") && Files.isRegularFile(p))
                    .min(Comparator.comparingInt(Path::getNameCount).thenComparing(Path::toString))
                    .orElse(null);
        } catch (IOException e) {
            return null; // a link we cannot find is reported as missing, never an error
        }
    }

    private static List<Path> logs(Path root) {
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".log") && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
