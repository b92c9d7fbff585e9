package dev.gauntlet.harness.score;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.report.run.FaultResult;
import dev.gauntlet.report.run.Result;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResilienceScoreTest {

    @TempDir
    Path dir;

    @Test
    void unknownPartsAreLeftOutAndTheWeightsRenormalised() {
        ResilienceScore s = ResilienceScore.of(0.0, 0.95, 1.0, null, 20.0, 40.0);

        assertThat(s.value()).as("100 × (30·1 + 30·0.5 + 15·1 + 10·0.5) / 85").isEqualTo(76.5);
        assertThat(s.formula()).as("formula names the rule and this run's numbers")
                .startsWith("score = 100 × Σ wᵢ·sᵢ / Σ wᵢ over the known parts; unknown parts are left out and the weights renormalised.")
                .endsWith(" This run: 100 × (avoidable NHU 30·1.000 + availability 30·0.500 + detection 15·1.000"
                        + " + tail latency 10·0.500) / 85 = 76.5; unknown, left out: recovery.");
    }

    @Test
    void eachPartScalesAsDocumented() {
        assertThat(ResilienceScore.of(1000.0, null, null, null, null, null).value()).as("1 s avoidable NHU → 0.5").isEqualTo(50.0);
        assertThat(ResilienceScore.of(null, 0.99, null, null, null, null).value()).as("99% → 0.9").isEqualTo(90.0);
        assertThat(ResilienceScore.of(null, 0.85, null, null, null, null).value()).as("85% → 0").isEqualTo(0.0);
        assertThat(ResilienceScore.of(null, null, null, null, 10.0, 5.0).value()).as("faster under fault → 1").isEqualTo(100.0);
        assertThat(ResilienceScore.of(null, null, null, null, 10.0, 40.0).value()).as("4× p99 → 0.25").isEqualTo(25.0);
    }

    @Test
    void falseEjectionsWeighTenAndHalveAtTenEndpointSeconds() {
        assertThat(ResilienceScore.of(null, null, null, null, null, null, 0.0).value()).as("none → 1").isEqualTo(100.0);
        assertThat(ResilienceScore.of(null, null, null, null, null, null, 10.0).value()).as("10 s → 0.5").isEqualTo(50.0);
        assertThat(ResilienceScore.of(null, null, null, null, null, null, 30.0).value()).as("30 s → 0.25").isEqualTo(25.0);
        assertThat(ResilienceScore.of(0.0, null, null, null, null, null, 10.0).value())
                .as("100 × (30·1 + 10·0.5) / 40").isEqualTo(87.5);
        assertThat(ResilienceScore.of(0.0, null, null, null, null, null, null).formula())
                .as("an unknown false-ejection part is named as left out")
                .endsWith("This run: 100 × (avoidable NHU 30·1.000) / 30 = 100.0; unknown, left out: availability,"
                        + " detection, recovery, false ejections, tail latency.");
    }

    @Test
    void nothingKnownMeansNoScore() {
        ResilienceScore s = ResilienceScore.of(null, null, null, null, 0.0, 10.0);

        assertThat(s.value()).as("no score").isNull();
        assertThat(s.formula()).as("says why").endsWith("This run: no part is known, so no score.");
    }

    @Test
    void boundShareCountsOnlyDecidedFaults() {
        List<FaultResult> faults = Arrays.asList(fault(true), fault(false), fault(null), fault(true));

        assertThat(ResilienceScore.share(faults, FaultResult::insideBound)).as("2 of 3 decided").isEqualTo(2.0 / 3);
        assertThat(ResilienceScore.share(List.of(fault(null)), FaultResult::insideBound)).as("none decided").isNull();
    }

    @Test
    void scoredRunCarriesScoreAndFormula() {
        RunFixture run = new RunFixture(dir).standardConfig().snapshotAllUsable()
                .inject("f0", "crash", "api-0", "down", "fast_fail", 10_000).viewChange(12_400, "api-0", false)
                .heal("f0", "api-0", 30_000).viewChange(31_200, "api-0", true);
        for (int i = 0; i < 10; i++) {
            run.ok(1_000 + i * 100, 10); // baseline p99 10 ms
        }
        for (int i = 0; i < 19; i++) {
            run.ok(11_000 + i * 100, 20); // fault phase p99 20 ms
        }
        run.request(15_000, 5, 503, "UH", null); // fault phase availability 19/20 = 95%

        Result result = run.score();

        assertThat(result.score()).as("100 × (30·1 + 30·0.5 + 15·1 + 15·1 + 10·1 + 10·0.5) / 110: no false ejection")
                .isEqualTo(81.8);
        assertThat(result.scoreFormula()).as("formula").endsWith("This run: 100 × (avoidable NHU 30·1.000"
                + " + availability 30·0.500 + detection 15·1.000 + recovery 15·1.000 + false ejections 10·1.000"
                + " + tail latency 10·0.500) / 110 = 81.8.");
    }

    private static FaultResult fault(Boolean inside) {
        return new FaultResult("f", "crash", "api-0", 0, null, true, null, "fast_fail", null, null, null, inside, null, null);
    }
}
