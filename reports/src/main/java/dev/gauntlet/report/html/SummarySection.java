package dev.gauntlet.report.html;

import static dev.gauntlet.report.html.Html.badge;
import static dev.gauntlet.report.html.Html.esc;
import static dev.gauntlet.report.html.Html.td;

import dev.gauntlet.report.run.CheckResult;
import dev.gauntlet.report.run.FaultResult;
import dev.gauntlet.report.run.Metrics;
import dev.gauntlet.report.run.PhaseMetrics;
import dev.gauntlet.report.run.Result;
import dev.gauntlet.report.run.RunManifest;
import dev.gauntlet.report.text.Display;
import dev.gauntlet.report.text.KeyNumbers;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** The top of the report: who/what/when, verdict, score and formula, the three key numbers, the checks. */
final class SummarySection {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private SummarySection() {
    }

    static void write(StringBuilder out, ReportData d) {
        RunManifest m = d.manifest();
        Result r = d.result();
        out.append("<h1>").append(esc(Display.text(m.scenario()))).append("</h1>\n");
        out.append("<p class=\"meta\">run <code>").append(esc(m.runId())).append("</code> · gateway ")
                .append(esc(Display.text(m.gatewayKind()))).append(" · cluster ").append(esc(Display.text(m.cluster())))
                .append(" · runtime ").append(esc(m.runtime()))
                .append(" · started ").append(WHEN.format(Instant.ofEpochSecond(0, m.epochUs(m.startUs()) * 1000L)))
                .append(" · ").append(Display.seconds(d.durationSeconds())).append(" of load · ")
                .append(d.requests().size()).append(" requests</p>\n");
        if (m.description() != null && !m.description().isBlank()) {
            out.append("<p class=\"description\">").append(esc(m.description())).append("</p>\n");
        }
        if (m.aborted()) {
            out.append("<div class=\"banner aborted\">Run aborted after ").append(Display.seconds(d.durationSeconds()))
                    .append(": everything below covers only what was recorded until then.</div>\n");
        }
        if (r == null) {
            out.append("<div class=\"banner noresult\">Not scored: ").append(esc(d.resultProblem()))
                    .append(". Charts show the recorded data; verdicts are unknown.</div>\n");
        }
        if (!m.viewObserved()) {
            out.append("<div class=\"banner noview\">No view observed: the gateway's view was not recorded (gateway ")
                    .append(esc(Display.text(m.gatewayKind())))
                    .append("), so view bands, NHU spans and detection times are not shown rather than guessed.</div>\n");
        }

        out.append("<p class=\"verdict\">Verdict ").append(badge(r == null ? null : r.verdict())).append("</p>\n");
        out.append("<p class=\"score\">Resilience score <strong>")
                .append(esc(r == null ? Display.UNKNOWN : Display.score(r.score()))).append("</strong> / 100</p>\n");
        String formula = r == null ? null : r.scoreFormula();
        out.append("<div class=\"formula\">score = ").append(esc(formula == null || formula.isBlank()
                ? "(no formula recorded)" : formula)).append("</div>\n");
        keyNumbers(out, d);
        moreNumbers(out, d);
        checks(out, d);
    }

    private static void keyNumbers(StringBuilder out, ReportData d) {
        Metrics metrics = d.result() == null ? null : d.result().metrics();
        out.append("<div class=\"cards\">\n");

        Double avoidable = metrics == null ? null : metrics.avoidableNhuMs();
        String nhuNote = d.view() == null ? "no view observed"
                : String.format(java.util.Locale.ROOT, "view was NHU for %.2f s in total (incl. unavoidable)",
                        d.view().nhuUs() / 1e6);
        card(out, "Avoidable NHU", Display.duration(avoidable), nhuNote,
                avoidable == null ? null : avoidable <= 0);

        FaultResult worst = KeyNumbers.worstDetection(d.result() == null ? List.of() : d.result().faults());
        if (worst == null) {
            if (d.result() == null) {
                card(out, "Worst detection time", Display.UNKNOWN, "not scored", null);
            } else {
                card(out, "Worst detection time", d.result().faults().isEmpty() ? "no faults" : "n/a",
                        "no fault with a detection time or bound", null);
            }
        } else {
            String value = worst.detectionMs() == null && worst.detectionBracketMs() == null ? "never detected"
                    : Display.bracket(worst.detectionBracketMs(), worst.detectionMs());
            String note = (worst.mechanism() == null ? "" : Display.mechanism(worst.mechanism()) + " · ")
                    + "bound " + Display.bound(worst.boundMs()) + " · " + worst.action() + " " + worst.target()
                    + " · inside bound: " + Display.yesNo(worst.insideBound());
            card(out, "Worst detection time", value, note, worst.insideBound());
        }

        PhaseMetrics fault = KeyNumbers.faultPhase(metrics);
        Double availability = fault == null ? null : fault.availability();
        String expected = d.manifest().expect().getOrDefault("phase.fault.availability",
                d.manifest().expect().get("availability"));
        card(out, "Availability during the fault phase", Display.percent(availability),
                fault == null ? "no fault phase measured"
                        : fault.requests() + " requests" + (expected == null ? "" : " · expected " + expected),
                null);
        out.append("</div>\n");
    }

    /** The run-wide figures beside the key three: false ejections, retries, fail-fast, return to full capacity. */
    private static void moreNumbers(StringBuilder out, ReportData d) {
        Metrics m = d.result() == null ? null : d.result().metrics();
        String fe = m == null || m.falseEjections() == null ? Display.UNKNOWN : m.falseEjections() + " ("
                + (m.falseEjectionSeconds() == null ? Display.UNKNOWN
                : String.format(java.util.Locale.ROOT, "%.2f", m.falseEjectionSeconds())) + " endpoint-s)";
        String retry = m == null || m.retryAmplification() == null ? Display.UNKNOWN
                : String.format(java.util.Locale.ROOT, "%.3f×", m.retryAmplification());
        out.append("<p class=\"meta more\">False ejections (truth up, view unusable) <strong>").append(esc(fe))
                .append("</strong> · retry amplification (upstream attempts per request) <strong>").append(esc(retry))
                .append("</strong> · NHU answer latency p50/p99 <strong>")
                .append(esc(m == null ? Display.UNKNOWN : nhuLatency(m.nhuLatencyP50Ms(), m.nhuLatencyP99Ms(), m.causes())))
                .append("</strong> · time to full capacity after the last heal <strong>")
                .append(esc(Display.duration(m == null ? null : m.timeToFullCapacityMs()))).append("</strong></p>\n");
    }

    /** "none" when the gateway never answered NHU: an absent latency is not an unknown one. */
    static String nhuLatency(Double p50, Double p99, Map<String, Long> causes) {
        return p99 == null ? nhuP99(null, causes) : Display.ms(p50) + " / " + Display.ms(p99);
    }

    /** The p99 of the NHU answers, "none" when there were none among known requests, else unknown. */
    static String nhuP99(Double p99, Map<String, Long> causes) {
        if (p99 != null) {
            return Display.ms(p99);
        }
        return causes.getOrDefault("UH", 0L) == 0 && !causes.isEmpty() ? "none" : Display.UNKNOWN;
    }

    private static void card(StringBuilder out, String label, String value, String note, Boolean good) {
        String cls = good == null ? "card" : good ? "card good" : "card bad";
        out.append("<div class=\"").append(cls).append("\"><div class=\"label\">").append(esc(label))
                .append("</div><div class=\"value\">").append(esc(value)).append("</div><div class=\"note\">")
                .append(esc(note)).append("</div></div>\n");
    }

    private static void checks(StringBuilder out, ReportData d) {
        out.append("<h2 id=\"checks\">Checks</h2>\n");
        List<CheckResult> checks = d.result() == null ? fromExpect(d.manifest().expect(), d.resultProblem())
                : d.result().checks();
        if (checks.isEmpty()) {
            out.append("<p class=\"unknown\">No checks: the scenario has no <code>expect</code> block.</p>\n");
            return;
        }
        out.append("<table class=\"checks\">\n").append(Html.th("check", "verdict", "measured", "expected", "reason"));
        for (CheckResult c : checks) {
            out.append("<tr>").append(td(c.name())).append(Html.tdRaw(badge(c.verdict())))
                    .append(td(Display.text(c.measured()))).append(td(Display.text(c.expected())))
                    .append(td(c.reason() == null ? "" : c.reason(), null)).append("</tr>\n");
        }
        out.append("</table>\n");
    }

    /** Without a result, the expectations are still listed, honestly undecided. */
    private static List<CheckResult> fromExpect(Map<String, String> expect, String why) {
        return expect.entrySet().stream()
                .map(e -> new CheckResult(e.getKey(), Result.UNKNOWN, null, e.getValue(), why))
                .toList();
    }
}
