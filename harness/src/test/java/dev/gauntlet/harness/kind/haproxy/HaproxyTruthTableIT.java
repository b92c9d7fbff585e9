package dev.gauntlet.harness.kind.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.harness.fault.Fault;
import dev.gauntlet.harness.fault.Verification;
import dev.gauntlet.harness.kind.DetectionModel.Bound;
import dev.gauntlet.harness.kind.DetectionModel.Noticed;
import dev.gauntlet.harness.kind.DetectionModel.RunContext;
import dev.gauntlet.report.run.ViewEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The measurement truth table for haproxy with the settings of scenarios/truth/*.yaml (interval 1s, timeout
 * 500ms, unhealthyThreshold 3, healthyThreshold 2): each fault on one of three endpoints, {@link #RUNS} times,
 * detection (fault effect → DOWN line stamp) and recovery (heal effect → UP line stamp) against the model's
 * bounds. Prints one TRUTH line per fault; every run must fall inside its bound.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HaproxyTruthTableIT {

    static final int RUNS = 5;

    @TempDir
    static Path tmp;

    private HaproxyParts parts;

    @BeforeAll
    void start() throws Exception {
        parts = new HaproxyParts("haproxy-truth-it", tmp,
                "{ type: http, path: /health, interval: 1s, timeout: 500ms, unhealthyThreshold: 3, healthyThreshold: 2 }");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(parts.view.usable()).as("all usable").hasSize(3).doesNotContainValue(false));
    }

    @AfterAll
    void stop() {
        if (parts != null) {
            parts.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{action: refuse}", "{action: blackhole}", "{action: health_fail, status: 500}"})
    void everyRunFallsInsideTheDocumentedBound(String yaml) throws Exception {
        JsonNode effective = parts.kind.effectiveConfig(parts.gateway, parts.launch, parts.config);
        List<Double> detection = new ArrayList<>();
        List<Double> recovery = new ArrayList<>();
        Bound dBound = null;
        Bound rBound = parts.kind.detectionModel().recovery(effective, "api", new RunContext(0, 3)).get(0);
        for (int run = 0; run < RUNS; run++) {
            Fault fault = parts.fault(yaml, 0);
            dBound = parts.kind.detectionModel().detection(effective, "api", Noticed.valueOf(fault.detection()
                    .toUpperCase(Locale.ROOT)), new RunContext(0, 3)).get(0);
            Verification in = fault.inject();
            Verification out;
            try {
                assertThat(in.verified()).as("inject verified: %s", in.detail()).isTrue();
                await().atMost(Duration.ofSeconds(15)).until(() -> parts.firstTransition("api-0", false, in.effectUs()) != null);
            } finally {
                out = fault.heal();
            }
            assertThat(out.verified()).as("heal verified: %s", out.detail()).isTrue();
            ViewEvent down = parts.firstTransition("api-0", false, in.effectUs());
            await().atMost(Duration.ofSeconds(15)).until(() -> parts.firstTransition("api-0", true, out.effectUs()) != null);
            ViewEvent up = parts.firstTransition("api-0", true, out.effectUs());
            detection.add((down.tUs() - in.effectUs()) / 1000.0);
            recovery.add((up.tUs() - out.effectUs()) / 1000.0);
        }
        String line = String.format(Locale.ROOT, "TRUTH haproxy %s | detection %s | bound [%.0f, %.0f] | recovery %s | bound [%.0f, %.0f]",
                yaml, summary(detection, dBound), dBound.lowMs(), dBound.highMs(), summary(recovery, rBound),
                rBound.lowMs(), rBound.highMs());
        System.out.println(line);
        System.out.println("TRUTH raw detection " + detection + " recovery " + recovery);
        for (double d : detection) {
            assertThat(d).as("detection inside the bound: %s", line).isBetween(dBound.lowMs(), dBound.highMs());
        }
        for (double r : recovery) {
            assertThat(r).as("recovery inside the bound: %s", line).isBetween(rBound.lowMs(), rBound.highMs());
        }
        assertThat(parts.gaps).as("no gap in the view").isEmpty();
    }

    /** median, min/max, CV and how many runs fell inside the bound. */
    static String summary(List<Double> xs, Bound b) {
        List<Double> s = xs.stream().sorted().toList();
        double median = s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
        double mean = s.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double sd = Math.sqrt(s.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / Math.max(1, s.size() - 1));
        long inside = s.stream().filter(x -> x >= b.lowMs() && x <= b.highMs()).count();
        return String.format(Locale.ROOT, "median %.0f ms, min %.0f, max %.0f, CV %.1f%%, inside %d/%d",
                median, s.get(0), s.get(s.size() - 1), 100 * sd / mean, inside, s.size());
    }
}
