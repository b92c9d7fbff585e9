package dev.gauntlet.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.report.RunFixture;
import dev.gauntlet.report.chart.ChartStyle;
import dev.gauntlet.report.run.CheckResult;
import dev.gauntlet.report.run.Result;
import dev.gauntlet.report.run.RunDirectory;
import dev.gauntlet.report.run.RunManifest;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportRendererTest {

    private static final Pattern IMG = Pattern.compile("<img src=\"([^\"]+)\" width=\"(\\d+)\" height=\"(\\d+)\"");

    @TempDir
    Path tmp;

    @Test
    void reportShowsVerdictScoreFormulaKeyNumbersAndEveryCheck() throws IOException {
        Path report = ReportRenderer.render(RunFixture.standard(tmp));

        String html = Files.readString(report);
        assertThat(report).as("report.html beside the run files").isEqualTo(tmp.resolve("report.html"));
        assertThat(html).as("verdict badge").contains("Verdict <span class=\"badge fail\">fail</span>");
        assertThat(html).as("score").contains("<strong>72.5</strong> / 100");
        assertThat(html).as("formula").contains("100 − 10 × avoidable NHU s");
        assertThat(html).as("avoidable NHU card").contains("Avoidable NHU</div><div class=\"value\">2000 ms");
        assertThat(html).as("worst detection against its bound")
                .contains("Worst detection time</div><div class=\"value\">2000 ms")
                .contains("bound 2000–3000 ms");
        assertThat(html).as("fault-phase availability").contains("88.00%");
        assertThat(html).as("NHU seen in the view, 2 s").contains("view was NHU for 2.00 s");
        for (CheckResult c : RunFixture.checks()) {
            assertThat(html).as("check row for %s", c.name()).contains("<td>" + Html.esc(c.name()) + "</td>");
        }
        assertThat(html).as("unknown check shows its reason").contains("no view was observed");
        assertThat(html).as("no view banner on a run that has a view").doesNotContain("banner noview");
    }

    @Test
    void faultTableHasTheFaultWithVerificationDetectionRecoveryAndBounds() throws IOException {
        String html = Files.readString(ReportRenderer.render(RunFixture.standard(tmp)));

        assertThat(html).as("fault row").contains("<td>f0</td><td>crash (fast_fail)</td><td>api-0</td>"
                + "<td class=\"num\">15.0 s</td><td class=\"num\">35.0 s</td>");
        assertThat(html).as("verification text").contains("✔ yes<br><span class=\"meta\">connect refused in 0.4 ms");
        assertThat(html).as("recovery outside its bound is flagged")
                .contains("<td class=\"no\">detection yes, recovery no</td>");
        assertThat(html).as("phase table rows").contains("<td>baseline</td>", "<td>fault</td>", "<td>recovery</td>",
                "<strong>overall</strong>");
        assertThat(html).as("failures by cause in the fault phase").contains("UH 20");
    }

    @Test
    void faultTableShowsTheMechanismTheBracketAndWhyTheOtherMechanismDidNotFireFirst() throws IOException {
        RunDirectory dir = RunFixture.standard(tmp);
        Result r = dir.result();
        dev.gauntlet.report.run.FaultResult f = new dev.gauntlet.report.run.FaultResult("f0", "crash", "api-0", 15_000,
                35_000L, true, "connect refused in 0.4 ms", "fast_fail", 41.0, 1200.0, List.of(15.0, 100.0), true,
                List.of(1000.0, 2550.0), true, 14_999L, List.of(40.5, 41.0), "outlier_ejection",
                "consecutive_gateway_failure=5", List.of(), "outlier ejection at [40.5 ms, 41 ms]; active checks would"
                + " have needed >= 2000 ms", List.of(1200.0, 1200.5), "active_check", "held out by active checks");
        dir.writeResult(new Result(r.scenario(), r.runId(), r.verdict(), r.score(), r.scoreFormula(), r.checks(),
                r.metrics(), List.of(f)));

        String html = Files.readString(ReportRenderer.render(dir));

        assertThat(html).as("bracket, mechanism and what it saw").contains("40.5–41.0 ms<br><span class=\"meta\">outlier"
                + " ejection (consecutive_gateway_failure=5)</span>");
        assertThat(html).as("why the other did not fire first").contains("active checks would have needed &gt;= 2000 ms");
        assertThat(html).as("recovery bracket and mechanism").contains("1200–1201 ms<br><span class=\"meta\">active checks");
    }

    @Test
    void aResultJsonWrittenBeforeBracketsStillRenders() throws IOException {
        RunDirectory dir = RunFixture.standard(tmp);
        // strip the new fields, as in a run directory scored before issue 13
        var raw = (com.fasterxml.jackson.databind.node.ObjectNode) RunDirectory.JSON.readTree(dir.file(RunDirectory.RESULT).toFile());
        raw.withArray("faults").forEach(n -> ((com.fasterxml.jackson.databind.node.ObjectNode) n).retain("fault_id", "action",
                "target", "at_ms", "healed_at_ms", "verified", "verification", "detection", "detection_ms", "recovery_ms",
                "bound_ms", "inside_bound", "recovery_bound_ms", "recovery_inside_bound"));
        Files.writeString(dir.file(RunDirectory.RESULT), raw.toString());

        String html = Files.readString(ReportRenderer.render(dir));

        assertThat(dir.result().faults().get(0).detectionBounds()).as("missing list read as empty").isEmpty();
        assertThat(html).as("the single figures as before").contains("<td class=\"num\">2000 ms</td>");
    }

    @Test
    void everyImageIsAValidPngOfTheDeclaredSizeAndChartWidth() throws IOException {
        Path report = ReportRenderer.render(RunFixture.standard(tmp));

        List<Path> images = assertImagesValid(report);
        assertThat(images).as("health, outcomes and latency charts")
                .extracting(p -> p.getFileName().toString())
                .containsExactly("health.png", "outcomes.png", "latency.png");
    }

    @Test
    void linksGatlingIndexLogsResultAndTimeline() throws IOException {
        RunDirectory dir = RunFixture.standard(tmp);
        Files.createDirectories(tmp.resolve("gatling/gauntletsimulation-20261126/js"));
        Files.writeString(tmp.resolve("gatling/gauntletsimulation-20261126/index.html"), "<html></html>");
        Files.writeString(tmp.resolve("gatling/gauntletsimulation-20261126/js/index.html"), "deeper, not this one");
        Files.writeString(tmp.resolve("gateway.log"), "log");
        Files.writeString(tmp.resolve("backend-api-0.log"), "log");

        String html = Files.readString(ReportRenderer.render(dir));

        assertThat(html).as("shallowest Gatling index").contains("href=\"gatling/gauntletsimulation-20261126/index.html\"");
        assertThat(html).as("logs").contains("href=\"gateway.log\"", "href=\"backend-api-0.log\"");
        assertThat(html).as("raw files").contains("href=\"result.json\"", "href=\"timeline.jsonl\"");
        assertThat(html).as("self-contained: no scripts, no remote resources")
                .doesNotContain("<script", "http://", "https://", "<link");
    }

    @Test
    void withoutAViewSaysNoViewObservedAndInventsNoNhu() throws IOException {
        // view.jsonl exists but the manifest says it was not observed: the manifest is believed.
        RunDirectory dir = RunFixture.write(tmp, RunFixture.manifest(false, false), RunFixture.timeline(),
                RunFixture.view(), RunFixture.requests(), RunFixture.resultWithNullMetrics());

        Path report = ReportRenderer.render(dir);

        String html = Files.readString(report);
        assertThat(html).as("no view banner").contains("No view observed");
        assertThat(html).as("avoidable NHU card says why it is unknown")
                .contains("Avoidable NHU</div><div class=\"value\">unknown</div><div class=\"note\">no view observed");
        assertThat(html).as("no NHU figure derived from the ignored view").doesNotContain("view was NHU for");
        assertImagesValid(report);
    }

    @Test
    void nullMetricsAndScoreRenderAsUnknown() throws IOException {
        RunDirectory dir = RunFixture.write(tmp, RunFixture.manifest(true, false), RunFixture.timeline(),
                RunFixture.view(), RunFixture.requests(), RunFixture.resultWithNullMetrics());

        String html = Files.readString(ReportRenderer.render(dir));

        assertThat(html).as("verdict unknown").contains("Verdict <span class=\"badge unknown\">unknown</span>");
        assertThat(html).as("score unknown").contains("<strong>unknown</strong> / 100");
        assertThat(html).as("fault-phase availability unknown")
                .contains("Availability during the fault phase</div><div class=\"value\">unknown");
        assertThat(html).as("phase table replaced by a note").contains("no metrics were recorded");
    }

    @Test
    void aRunWithNoRequestsStillRendersEveryChart() throws IOException {
        RunDirectory dir = RunFixture.write(tmp, RunFixture.manifest(true, false), RunFixture.timeline(),
                RunFixture.view(), List.of(), RunFixture.result());

        Path report = ReportRenderer.render(dir);

        assertThat(Files.readString(report)).as("request count").contains(" · 0 requests");
        assertThat(assertImagesValid(report)).as("three charts even without requests").hasSize(3);
    }

    @Test
    void anAbortedUnscoredRunShowsTheBannerUnknownVerdictAndTheRecordedFaults() throws IOException {
        // Aborted at ~30 s: the manifest's end was never rewritten and result.json was never written.
        RunManifest manifest = RunFixture.manifest(true, true);
        RunDirectory dir = RunFixture.write(tmp, manifest, RunFixture.timeline().subList(0, 1), RunFixture.view(),
                RunFixture.requests().subList(0, 300), null);

        Path report = ReportRenderer.render(dir);

        String html = Files.readString(report);
        assertThat(html).as("aborted banner with the recorded length").contains("Run aborted after 29.9 s");
        assertThat(html).as("not scored").contains("Not scored: result.json is missing");
        assertThat(html).as("verdict unknown").contains("Verdict <span class=\"badge unknown\">unknown</span>");
        assertThat(html).as("expectations listed as undecided")
                .contains("<td>avoidable_nhu</td><td><span class=\"badge unknown\">unknown</span></td>");
        assertThat(html).as("the fault from the timeline, never healed")
                .contains("<td>f0</td><td>crash</td><td>api-0</td><td class=\"num\">15.0 s</td><td class=\"num\">not healed</td>");
        assertThat(html).as("missing result.json shown, not linked").contains("result.json (missing)");
        assertImagesValid(report);
    }

    @Test
    void saysWhichRuntimeThePartsRanInAndReadsOlderRunsAsLocal() throws IOException {
        RunManifest m = RunFixture.manifest(true, false);
        RunManifest inContainers = new RunManifest(m.runId(), m.scenario(), m.description(), m.startUs(), m.endUs(), false,
                m.gatewayKind(), true, m.cluster(), m.endpoints(), 10, m.expect(), "containers");
        RunDirectory dir = RunFixture.write(tmp, inContainers, RunFixture.timeline(), RunFixture.view(), RunFixture.requests(),
                RunFixture.result());

        assertThat(Files.readString(ReportRenderer.render(dir))).contains("· runtime containers ·");
        assertThat(dir.manifest().runtime()).as("kept in run.json").isEqualTo("containers");

        String older = Files.readString(dir.file(RunDirectory.MANIFEST)).replace("\"runtime\"", "\"former_runtime\"");
        Files.writeString(dir.file(RunDirectory.MANIFEST), older);
        assertThat(dir.manifest().runtime()).as("a run.json written before the field existed").isEqualTo("local");
    }

    @Test
    void userTextIsEscaped() throws IOException {
        RunManifest m = RunFixture.manifest(true, false);
        RunManifest evil = new RunManifest(m.runId(), "<b>x</b>", "a & b <script>alert(1)</script>", m.startUs(),
                m.endUs(), false, m.gatewayKind(), true, m.cluster(), m.endpoints(), 10, m.expect());
        Result r = RunFixture.result();
        Result evilResult = new Result(r.scenario(), r.runId(), r.verdict(), r.score(), r.scoreFormula(),
                List.of(new CheckResult("p99 < \"250ms\"", "fail", "1 s", "< 250ms", "x")), r.metrics(), r.faults());
        RunDirectory dir = RunFixture.write(tmp, evil, RunFixture.timeline(), RunFixture.view(), RunFixture.requests(),
                evilResult);

        String html = Files.readString(ReportRenderer.render(dir));

        assertThat(html).as("no injected markup").doesNotContain("<script>", "<b>x</b>");
        assertThat(html).as("escaped text").contains("a &amp; b &lt;script&gt;", "p99 &lt; &quot;250ms&quot;");
    }

    /** Every {@code <img>} points at an existing PNG that decodes, with the declared size. */
    static List<Path> assertImagesValid(Path report) throws IOException {
        String html = Files.readString(report);
        Matcher m = IMG.matcher(html);
        List<Path> out = new ArrayList<>();
        while (m.find()) {
            Path png = report.getParent().resolve(m.group(1));
            assertThat(png).as("chart file %s exists", m.group(1)).isRegularFile();
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image).as("%s decodes as an image", png.getFileName()).isNotNull();
            assertThat(image.getWidth()).as("%s width", png.getFileName())
                    .isEqualTo(Integer.parseInt(m.group(2))).isEqualTo(ChartStyle.WIDTH);
            assertThat(image.getHeight()).as("%s height", png.getFileName()).isEqualTo(Integer.parseInt(m.group(3)));
            out.add(png);
        }
        assertThat(out).as("the report has charts").isNotEmpty();
        return out;
    }
}
