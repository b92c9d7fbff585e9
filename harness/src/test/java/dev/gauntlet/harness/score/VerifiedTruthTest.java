package dev.gauntlet.harness.score;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.report.run.CheckResult;
import dev.gauntlet.report.run.Result;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 point 2: truth changes only on a verified effect, and for an unverified window every metric that depends
 * on it is unknown with the reason. Before, an unverified inject set truth {@code down} and every heal set {@code up}.
 */
class VerifiedTruthTest {

    @TempDir
    Path dir;

    private static CheckResult check(Result result, String name) {
        return result.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void nhuWhileAnInjectIsUnverifiedIsNeitherAvoidableNorUnavoidableButUnknown() {
        // api-0 and api-1 verified down, api-2's crash not verified; the view is NHU for 1 s. Before, truth had all
        // three down: 1 s unavoidable, 0 avoidable, and "avoidable_nhu <= 0s" passed.
        Result result = new RunFixture(dir).standardConfig().snapshotAllUsable().expect("avoidable_nhu", "<= 0s")
                .inject("f0", "crash", "api-0", "down", "fast_fail", 10_000)
                .inject("f1", "crash", "api-1", "down", "fast_fail", 10_000)
                .injectUnverified("f2", "crash", "api-2", "fast_fail", 10_000)
                .viewChange(12_000, "api-0", false).viewChange(12_000, "api-1", false)
                .viewChange(12_000, "api-2", false).viewChange(13_000, "api-2", true)
                .score();

        assertThat(result.metrics().avoidableNhuMs()).as("avoidable NHU unknown").isNull();
        assertThat(result.metrics().unavoidableNhuMs()).as("unavoidable NHU unknown").isNull();
        assertThat(check(result, "avoidable_nhu").verdict()).as("check").isEqualTo("unknown");
        assertThat(check(result, "avoidable_nhu").reason()).as("reason names the unverified action")
                .contains("inject f2 of api-2 at 10.0 s not verified (probe still connected after 2 s)");
    }

    @Test
    void anEjectionAfterAnUnverifiedHealIsNotCountedAsFalse() {
        // the heal of api-0 was not verified; the gateway keeps it out. Before, the heal set truth up and the
        // ejection at 25 s counted as a false ejection.
        Result result = new RunFixture(dir).standardConfig().snapshotAllUsable().expect("false_ejections", "<= 0")
                .inject("f0", "crash", "api-0", "down", "fast_fail", 10_000).viewChange(12_400, "api-0", false)
                .healUnverified("f0", "api-0", 20_000).viewChange(21_000, "api-0", true)
                .viewChange(25_000, "api-0", false)
                .score();

        assertThat(result.metrics().falseEjections()).as("count unknown").isNull();
        assertThat(check(result, "false_ejections").verdict()).as("check").isEqualTo("unknown");
        assertThat(check(result, "false_ejections").reason()).as("reason")
                .contains("api-0 was ejected while its truth was unknown: heal f0 of api-0 at 20.0 s not verified");
        assertThat(result.faults().get(0).recoveryMs()).as("recovery from an unverified heal unknown").isNull();
    }

    @Test
    void timeToFullCapacityAfterAnUnverifiedLastHealIsUnknown() {
        Result result = new RunFixture(dir).standardConfig().snapshotAllUsable()
                .inject("f0", "crash", "api-0", "down", "fast_fail", 10_000).viewChange(12_400, "api-0", false)
                .healUnverified("f0", "api-0", 20_000).viewChange(21_000, "api-0", true)
                .score();

        assertThat(result.metrics().timeToFullCapacityMs()).as("unknown").isNull();
    }

    @Test
    void verifiedActionsStillMoveTruth() {
        Result result = new RunFixture(dir).standardConfig().snapshotAllUsable().expect("false_ejections", "<= 0")
                .inject("f0", "crash", "api-0", "down", "fast_fail", 10_000).viewChange(12_400, "api-0", false)
                .heal("f0", "api-0", 20_000).viewChange(21_000, "api-0", true)
                .viewChange(25_000, "api-0", false)
                .score();

        assertThat(result.metrics().falseEjections()).as("the ejection at 25 s is false").isEqualTo(1L);
        assertThat(check(result, "false_ejections").verdict()).as("check").isEqualTo("fail");
    }
}
