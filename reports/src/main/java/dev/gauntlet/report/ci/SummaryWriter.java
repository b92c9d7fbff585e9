package dev.gauntlet.report.ci;

import dev.gauntlet.report.run.CheckResult;
import dev.gauntlet.report.run.Result;
import dev.gauntlet.report.text.Display;
import dev.gauntlet.report.text.KeyNumbers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * Writes a Markdown summary of scored runs, fit for a CI step summary (GitHub's
 * {@code $GITHUB_STEP_SUMMARY}, GitLab/Jenkins markdown): one overview table with the key metrics per
 * scenario, then each scenario's checks with ✅ pass, ❌ fail, ❔ unknown.
 *
 * <pre>{@code
 * SummaryWriter.write(runDir.file(RunDirectory.SUMMARY), List.of(result), Map.of(result.runId(), "report.html"));
 * // in CI, add to what earlier steps wrote:
 * SummaryWriter.append(Path.of(System.getenv("GITHUB_STEP_SUMMARY")), results, Map.of());
 * }</pre>
 */
public final class SummaryWriter {

    private SummaryWriter() {
    }

    /** Writes (replacing) the summary, without report links. */
    public static void write(Path file, List<Result> results) {
        write(file, results, Map.of());
    }

    /**
     * Writes (replacing) the summary.
     *
     * @param reportLinks runId → link to that run's report (relative path or URL); runs without one get none
     */
    public static void write(Path file, List<Result> results, Map<String, String> reportLinks) {
        save(file, render(results, reportLinks), false);
    }

    /** Appends the summary: a CI step-summary file collects what every step wrote. */
    public static void append(Path file, List<Result> results, Map<String, String> reportLinks) {
        save(file, render(results, reportLinks), true);
    }

    /** The Markdown text itself. */
    public static String render(List<Result> results, Map<String, String> reportLinks) {
        long failed = results.stream().filter(r -> Result.FAIL.equals(Display.verdict(r.verdict()))).count();
        long unknown = results.stream().filter(r -> Result.UNKNOWN.equals(Display.verdict(r.verdict()))).count();
        long passed = results.size() - failed - unknown;
        String overall = failed > 0 ? Result.FAIL : unknown > 0 ? Result.UNKNOWN : Result.PASS;

        StringBuilder md = new StringBuilder();
        md.append("## ").append(Display.verdictEmoji(overall)).append(" Gauntlet: ").append(results.size())
                .append(results.size() == 1 ? " scenario" : " scenarios").append(" — ")
                .append(passed).append(" passed, ").append(failed).append(" failed, ")
                .append(unknown).append(" unknown\n\n");
        if (results.isEmpty()) {
            return md.append("No runs were scored.\n").toString();
        }
        md.append("| scenario | verdict | score | avoidable NHU | worst detection (vs bound) | availability (fault phase) | availability (overall) | report |\n");
        md.append("|---|---|---:|---:|---|---:|---:|---|\n");
        for (Result r : results) {
            String link = reportLinks.get(r.runId());
            md.append("| ").append(cell(Display.text(r.scenario())))
                    .append(" | ").append(Display.verdictEmoji(r.verdict())).append(' ').append(Display.verdict(r.verdict()))
                    .append(" | ").append(Display.score(r.score()))
                    .append(" | ").append(Display.duration(KeyNumbers.avoidableNhuMs(r)))
                    .append(" | ").append(cell(detection(r)))
                    .append(" | ").append(Display.percent(KeyNumbers.faultAvailability(r.metrics())))
                    .append(" | ").append(Display.percent(r.metrics() == null ? null : r.metrics().availability()))
                    .append(" | ").append(link == null ? "" : "[report](" + link.replace(" ", "%20").replace(")", "%29") + ")")
                    .append(" |\n");
        }
        for (Result r : results) {
            md.append("\n### ").append(Display.verdictEmoji(r.verdict())).append(' ').append(cell(Display.text(r.scenario())));
            if (r.runId() != null) {
                md.append(" (`").append(r.runId().replace("`", "'")).append("`)");
            }
            md.append("\n\n");
            if (r.checks().isEmpty()) {
                md.append("No checks: verdict ").append(Display.verdict(r.verdict())).append(".\n");
                continue;
            }
            md.append("| | check | measured | expected | reason |\n|---|---|---:|---|---|\n");
            for (CheckResult c : r.checks()) {
                md.append("| ").append(Display.verdictEmoji(c.verdict()))
                        .append(" | `").append(Display.text(c.name()).replace("`", "'")).append('`')
                        .append(" | ").append(cell(Display.text(c.measured())))
                        .append(" | ").append(cell(Display.text(c.expected())))
                        .append(" | ").append(cell(c.reason() == null ? "" : c.reason()))
                        .append(" |\n");
            }
        }
        return md.toString();
    }

    private static String detection(Result r) {
        if (r.faults().isEmpty()) {
            return r.metrics() == null ? Display.UNKNOWN : "no faults";
        }
        return KeyNumbers.detectionText(KeyNumbers.worstDetection(r.faults()));
    }

    /** A table cell: pipes would end the cell and newlines the row, so both are neutralised. */
    static String cell(String s) {
        return s.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }

    private static void save(Path file, String text, boolean append) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            if (append) {
                Files.writeString(file, text + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } else {
                Files.writeString(file, text, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
