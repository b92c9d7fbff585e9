package dev.gauntlet.harness.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gauntlet.report.sweep.SweepPointRow;
import dev.gauntlet.report.sweep.SweepReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Three points × two trials × two scenarios of fixed measurements, 15 s (0.25 min) per run:
 * <pre>
 * point  interval  detections (ms)            false ejections (crash+flap per trial) → per min   p95 det
 * 0      500ms     1000 1100 | 900 1200       0+2 → 4, 0+1 → 2      mean 3  (breaks ≤ 2)        1200
 * 1      1s        2000 2100 | 1900 2200      0+0 → 0, 0+1 → 2      mean 1                      2200
 * 2      2s        3000 3100 | 2900 3200      0 → 0,  0 → 0         mean 0                      3200
 * </pre>
 * Recommended: point 1 (the best p95 among points meeting the constraint); runner-up point 2.
 * Pareto front on (p95 detection, mean false ejections): all three (each is best on something).
 */
class SweepAnalysisTest {

    private static final SweepScenario CRASH = new SweepScenario("one-of-three-crashes", "crash", List.of(), Set.of("up"));
    private static final SweepScenario FLAP = new SweepScenario("one-of-three-crashes", "flap", List.of(),
            Set.of("up", "degraded"));

    static SweepConfig config(List<Constraint> constraints) {
        SweepParameter interval = new SweepParameter("healthCheck.interval",
                List.of(TextNode.valueOf("500ms"), TextNode.valueOf("1s"), TextNode.valueOf("2s")), null);
        SweepParameter threshold = new SweepParameter("healthCheck.unhealthyThreshold", List.of(IntNode.valueOf(3)), null);
        return new SweepConfig("t", "", 42, 2, SweepConfig.FRESH, List.of(CRASH, FLAP), List.of(interval, threshold),
                SweepConfig.GRID, 0, new Objective(SweepMetric.DETECTION_TIME, "p95", true), constraints,
                List.of(SweepMetric.DETECTION_TIME, SweepMetric.FALSE_EJECTIONS_PER_MIN), "healthCheck.interval",
                "healthCheck.unhealthyThreshold", Path.of("t.yaml"), "f");
    }

    private static TrialRun crash(int point, int trial, double a, double b) {
        return new TrialRun(point, trial, "crash", 42 + trial, "trials/x", false, "pass", List.of(a, b),
                List.of(List.of(0.0, 9999.0), List.of(0.0, 9999.0)), 0, List.of(1500.0), 0, 0, 0.25, 1000, 999, 0.0);
    }

    private static TrialRun flap(int point, int trial, int ejections) {
        return new TrialRun(point, trial, "flap", 42 + trial, "trials/y", false, "pass", List.of(), List.of(), 0,
                List.of(), ejections, ejections * 1.5, 0.25, 1000, 1000, 0.0);
    }

    static List<TrialRun> trials() {
        List<TrialRun> t = new ArrayList<>();
        t.add(crash(0, 0, 1000, 1100));
        t.add(flap(0, 0, 2));
        t.add(crash(0, 1, 900, 1200));
        t.add(flap(0, 1, 1));
        t.add(crash(1, 0, 2000, 2100));
        t.add(flap(1, 0, 0));
        t.add(crash(1, 1, 1900, 2200));
        t.add(flap(1, 1, 1));
        t.add(crash(2, 0, 3000, 3100));
        t.add(flap(2, 0, 0));
        t.add(crash(2, 1, 2900, 3200));
        t.add(flap(2, 1, 0));
        return t;
    }

    private static SweepReport analyse(List<Constraint> constraints, List<TrialRun> trials) {
        SweepConfig sweep = config(constraints);
        return SweepAnalysis.analyse(sweep, SearchSpace.points(sweep), trials, 60_000);
    }

    @Test
    void recommendsTheBestPointThatMeetsEveryConstraint() {
        SweepReport r = analyse(List.of(Constraint.parse("false_ejections_per_min", "<= 2"),
                Constraint.parse("availability", ">= 99.9%")), trials());

        assertThat(r.points().get(0).feasible()).as("point 0 ejects 3 per minute").isFalse();
        assertThat(r.points().get(0).violations()).as("and says so").singleElement().asString()
                .contains("false_ejections_per_min");
        assertThat(r.recommendedIndex()).as("fastest point meeting the constraints").isEqualTo(1);
        assertThat(r.comparison().bestIndex()).as("compared with").isEqualTo(1);
        assertThat(r.comparison().runnerUpIndex()).as("the runner-up").isEqualTo(2);
        assertThat(r.comparison().difference()).as("2050 − 3050 ms").isCloseTo(-1000.0, within(1e-9));
        assertThat(r.comparison().confidence()).as("clearly faster").isGreaterThan(0.999);
        assertThat(r.recommendationText()).as("0 and 2 ejections per minute: the interval crosses the limit of 2")
                .contains("false_ejections_per_min 1.00 /min").contains("not with 95% confidence");
        assertThat(r.recommendationYaml()).as("ready-to-paste snippet")
                .isEqualTo("healthCheck:\n  interval: 1s\n  unhealthyThreshold: 3\n");
    }

    @Test
    void poolsTheRunsOfATrialPerMinuteAndFaultsPerSample() {
        SweepPointRow p0 = analyse(List.of(), trials()).points().get(0);

        assertThat(p0.metrics().get("false_ejections_per_min").mean()).as("(4 + 2) / 2").isCloseTo(3.0, within(1e-9));
        assertThat(p0.metrics().get("false_ejections_per_min").n()).as("one sample per trial").isEqualTo(2);
        assertThat(p0.metrics().get("detection_time").n()).as("one sample per fault").isEqualTo(4);
        assertThat(p0.objectiveValue()).as("nearest-rank p95 of 4 detections").isEqualTo(1200.0);
        assertThat(p0.metrics().get("availability").mean()).as("1999 of 2000 per trial")
                .isCloseTo(99.95, within(1e-9));
        assertThat(p0.detectionBoundMs()).as("the bound travels with the point").containsExactly(0.0, 9999.0);
    }

    @Test
    void paretoFrontHoldsEveryPointBestAtSomething() {
        SweepReport r = analyse(List.of(), trials());

        assertThat(r.points()).as("fastest, middle, fewest ejections").allMatch(SweepPointRow::onFront);
    }

    @Test
    void anIncompleteTrialWaitsForItsOtherScenario() {
        List<TrialRun> partial = new ArrayList<>(trials());
        partial.removeIf(t -> t.point() == 2 && t.trial() == 1 && t.scenario().equals("flap"));

        SweepPointRow p2 = analyse(List.of(), partial).points().get(2);

        assertThat(p2.trials()).as("only trial 0 is complete").isEqualTo(1);
        assertThat(p2.metrics().get("detection_time").n()).as("the incomplete trial's detections wait").isEqualTo(2);
    }

    @Test
    void noFeasiblePointMeansNoRecommendation() {
        SweepReport r = analyse(List.of(Constraint.parse("availability", ">= 99.99%")), trials());

        assertThat(r.recommendedIndex()).as("availability 99.95% everywhere").isNull();
        assertThat(r.recommendationText()).as("says what to do").contains("No point meets every constraint");
    }

    @Test
    void snippetNestsDottedPaths() {
        Map<String, JsonNode> settings = new java.util.LinkedHashMap<>();
        settings.put("outlierDetection.consecutiveGatewayFailure", IntNode.valueOf(3));
        settings.put("healthCheck.interval", TextNode.valueOf("750ms"));

        assertThat(SweepAnalysis.snippet(new SweepPoint(0, settings))).as("one mapping per path segment")
                .isEqualTo("outlierDetection:\n  consecutiveGatewayFailure: 3\nhealthCheck:\n  interval: 750ms\n");
    }
}
