package dev.gauntlet.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.report.RunFixture;
import dev.gauntlet.report.chart.ChartStyle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Opens rendered reports in real headless Chromium: every image must load (naturalWidth &gt; 0, at the
 * chart width) and the page must paint. Artifacts stay under {@code target/chromium-it/} for a look.
 * Skipped when Chromium is not installed ({@code apt-get install -y chromium}, or set {@code CHROMIUM}).
 */
class ReportChromiumIT {

    private static final Path OUT = Path.of("target", "chromium-it").toAbsolutePath();
    private static final Pattern CHECK = Pattern.compile(
            "id=\"image-check\" data-total=\"(\\d+)\" data-broken=\"(\\d+)\" data-widths=\"([\\d,]*)\"");
    /** Runs after load: marks broken images and reports counts in an element that --dump-dom prints. */
    private static final String PROBE = "<script>window.addEventListener('load', function () {"
            + " var imgs = Array.from(document.images);"
            + " var broken = imgs.filter(function (i) { return !i.complete || i.naturalWidth === 0; });"
            + " broken.forEach(function (i) { i.setAttribute('data-broken', 'true'); });"
            + " var d = document.createElement('div'); d.id = 'image-check';"
            + " d.setAttribute('data-total', imgs.length); d.setAttribute('data-broken', broken.length);"
            + " d.setAttribute('data-widths', imgs.map(function (i) { return i.naturalWidth; }).join(','));"
            + " document.body.appendChild(d); });</script>";

    private static Path chromium;

    @BeforeAll
    static void findChromium() {
        String env = System.getenv("CHROMIUM");
        chromium = Stream.of(env, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
                .filter(p -> p != null && !p.isBlank()).map(Path::of).filter(Files::isExecutable)
                .findFirst().orElse(null);
        Assumptions.assumeTrue(chromium != null,
                "Chromium not installed (looked for $CHROMIUM, /usr/bin/chromium, chromium-browser, google-chrome):"
                        + " apt-get install -y chromium to run this test");
    }

    @Test
    void everyChartInTheRenderedReportLoadsInChromiumAtChartWidth() throws Exception {
        Path run = fresh(OUT.resolve("run"));
        Path report = ReportRenderer.render(RunFixture.standard(run));

        int[] check = imageCheck(report, "report");

        assertThat(check[0]).as("images on the page").isEqualTo(3);
        assertThat(check[1]).as("broken images (naturalWidth 0)").isZero();
        assertThat(check[2]).as("every image decoded at the chart width").isEqualTo(ChartStyle.WIDTH);
    }

    @Test
    void theImageProbeReallyDetectsABrokenImage() throws Exception {
        // Guards the probe itself: were it blind, the test above would pass on any page.
        Path run = fresh(OUT.resolve("broken"));
        Path report = ReportRenderer.render(RunFixture.standard(run));
        Files.delete(run.resolve("charts/latency.png"));

        int[] check = imageCheck(report, "broken");

        assertThat(check[1]).as("the deleted chart is reported broken").isEqualTo(1);
    }

    @Test
    void theReportPaintsANonBlankScreenshot() throws Exception {
        Path run = fresh(OUT.resolve("shot"));
        Path report = ReportRenderer.render(RunFixture.standard(run));
        Path shot = OUT.resolve("report-screenshot.png");
        Files.deleteIfExists(shot);

        chromium(OUT.resolve("shot.log"), "--screenshot=" + shot, "--window-size=1280,4000", report.toUri().toString());

        assertThat(shot).as("screenshot written").isRegularFile();
        BufferedImage image = ImageIO.read(shot.toFile());
        assertThat(image).as("screenshot decodes").isNotNull();
        assertThat(image.getWidth()).as("window width").isEqualTo(1280);
        assertThat(distinctColours(image)).as("a painted page has many colours, a blank one has one or two")
                .isGreaterThan(50);
    }

    /** Returns {total, broken, minimum naturalWidth}. */
    private static int[] imageCheck(Path report, String name) throws Exception {
        String html = Files.readString(report);
        Path probed = report.resolveSibling("report-probe.html"); // beside report.html: same relative image paths
        Files.writeString(probed, html.replace("</body>", PROBE + "</body>"), StandardCharsets.UTF_8);

        String dom = chromium(OUT.resolve(name + ".log"), "--virtual-time-budget=10000", "--dump-dom",
                probed.toUri().toString());
        Files.writeString(OUT.resolve(name + "-dom.html"), dom);

        Matcher m = CHECK.matcher(dom);
        assertThat(m.find()).as("the probe ran and reported (see %s-dom.html)", name).isTrue();
        int min = Integer.MAX_VALUE;
        for (String w : m.group(3).split(",")) {
            if (!w.isEmpty()) {
                min = Math.min(min, Integer.parseInt(w));
            }
        }
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), min};
    }

    /** Runs Chromium headless with the given extra arguments; returns its stdout. */
    private static String chromium(Path log, String... extra) throws Exception {
        Path profile = Files.createTempDirectory(OUT, "profile-");
        List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile));
        cmd.addAll(List.of(extra));
        Path stdout = Files.createTempFile(OUT, "stdout-", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(log.toFile()).start();
        try {
            boolean done = p.waitFor(90, TimeUnit.SECONDS);
            assertThat(done).as("chromium finished within 90 s (log: %s)", log).isTrue();
            assertThat(p.exitValue()).as("chromium exit code (log: %s)", log).isZero();
            return Files.readString(stdout);
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
            Files.deleteIfExists(stdout);
            deleteTree(profile);
        }
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }

    private static Path fresh(Path dir) throws IOException {
        deleteTree(dir);
        Files.createDirectories(dir);
        return dir;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
