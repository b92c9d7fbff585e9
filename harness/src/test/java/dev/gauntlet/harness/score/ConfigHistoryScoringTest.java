package dev.gauntlet.harness.score;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.report.run.Result;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 point 7: bounds come from the config in effect at each fault's inject (gateway-config-history.jsonl),
 * not the one read at connect.
 */
class ConfigHistoryScoringTest {

    @TempDir
    Path dir;

    @Test
    void aFaultAfterAConfigChangeIsJudgedOnTheNewTiming() {
        // at connect I = 1 s, U = 3 ([2000, 3075] ms); at 20 s an admin PUT makes I = 500 ms, U = 2: [500, 1050] ms.
        // Before, f1 was judged on the connect config and its 800 ms detection failed.
        String fast = RunFixture.configText("500ms", "500ms", "0ms", "250ms", 2, 1, null);
        Result result = new RunFixture(dir).standardConfig()
                .configHistory(-1000, "connect", RunFixture.configText("1000ms", "1000ms", "0ms", "500ms", 3, 2, null))
                .configHistory(20_000, "admin_put", fast)
                .snapshotAllUsable().expect("detection_time", "<= bound")
                .inject("f0", "crash", "api-0", "down", "fast_fail", 10_000).viewChange(12_400, "api-0", false)
                .inject("f1", "crash", "api-1", "down", "fast_fail", 25_000).viewChange(25_800, "api-1", false)
                .score();

        assertThat(result.faults().get(0).boundMs()).as("f0: connect config").containsExactly(2000.0, 3075.0);
        assertThat(result.faults().get(1).boundMs()).as("f1: config after the PUT").containsExactly(500.0, 1050.0);
        assertThat(result.faults()).extracting(f -> f.insideBound()).as("both inside").containsExactly(true, true);
        assertThat(result.verdict()).as("verdict").isEqualTo("pass");
    }

    @Test
    void withoutAHistoryTheConnectConfigApplies() {
        Result result = new RunFixture(dir).standardConfig().snapshotAllUsable().expect("detection_time", "<= bound")
                .inject("f1", "crash", "api-1", "down", "fast_fail", 25_000).viewChange(25_800, "api-1", false)
                .score();

        assertThat(result.faults().get(0).boundMs()).as("gateway-config.json").containsExactly(2000.0, 3075.0);
        assertThat(result.faults().get(0).insideBound()).as("800 ms < 2000 ms").isFalse();
    }
}
