package dev.gauntlet.harness.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gauntlet.harness.fault.FaultRegistry;
import dev.gauntlet.harness.fault.Micros;
import dev.gauntlet.harness.scenario.Scenario;
import dev.gauntlet.harness.scenario.ScenarioLoader;
import dev.gauntlet.harness.score.Expectation;
import dev.gauntlet.report.run.FaultResult;
import dev.gauntlet.report.run.Result;
import dev.gauntlet.report.run.RunDirectory;
import dev.gauntlet.report.run.RunManifest;
import dev.gauntlet.report.run.TimelineEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real run whose wall clock is stepped: every read after the first is an hour earlier, then an hour later,
 * as an NTP step or {@code date -s} would make it. Stamps are CLOCK_MONOTONIC, so the durations come out as
 * the crash and restart really took, and run.json keeps the offset taken at the start.
 */
class WallClockStepIT {

    @TempDir
    Path tmp;

    /** Real time on the first read; on each later read one hour off, alternately back and forward. */
    private static final class SteppingClock extends Clock {
        final AtomicInteger reads = new AtomicInteger();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            int n = reads.getAndIncrement();
            Instant now = Clock.systemUTC().instant();
            return n == 0 ? now : now.plus(Duration.ofHours(n % 2 == 1 ? -1 : 1));
        }
    }

    @Test
    void durationsHoldWhenTheWallClockStepsDuringTheRun() throws Exception {
        Scenario scenario = new ScenarioLoader(tmp, FaultRegistry.standard()::validate, Expectation::parse)
                .load(ShortScenarios.write(tmp, "short-crash", ShortScenarios.CRASH).toString(), List.of());
        SteppingClock wall = new SteppingClock();
        long epochBefore = Micros.now(Clock.systemUTC()) - Micros.nowUs();
        long beforeUs = System.nanoTime() / 1000;

        ScenarioRunner.RunOutcome outcome = new ScenarioRunner(tmp.resolve("runs"),
                new PrintStream(new ByteArrayOutputStream(), true), wall).run(scenario);
        long afterUs = System.nanoTime() / 1000;

        RunDirectory dir = new RunDirectory(outcome.runDir());
        RunManifest m = dir.manifest();
        assertThat(wall.reads.get()).as("the wall clock is read at the start, never for a stamp").isLessThanOrEqualTo(2);
        assertThat(m.epochOffsetUs()).as("run.json keeps epoch − monotonic from the start (the unstepped read)")
                .isNotNull();
        assertThat((double) m.epochOffsetUs()).isCloseTo((double) epochBefore, within(2_000_000.0));
        assertThat(m.startUs()).as("stamps are monotonic, far below any epoch value").isLessThan(m.epochOffsetUs());
        // end_us is stamped when Gatling's after() runs: 2,000 arrivals at 100/s put the last at 19.99 s (the first is
        // at 0), plus its answer and Gatling's shutdown (CI, 2026-12-04: 19.998 s, so not "at 20 s")
        assertThat((m.endUs() - m.startUs()) / 1e6).as("2,000 arrivals 10 ms apart, then at most one request timeout")
                .isBetween(19.99, 30.0);

        // Every stamp of the run lies inside this test's own monotonic bracket of the run: none followed the steps.
        List<TimelineEvent> timeline = dir.timeline();
        assertThat(timeline).extracting(TimelineEvent::action).containsExactly("crash", "restart");
        assertThat(timeline).allSatisfy(e -> assertThat(e.tUs()).as(e.action()).isBetween(beforeUs, afterUs));
        assertThat(dir.requests()).allSatisfy(r -> {
            assertThat(r.startUs()).isBetween(beforeUs, afterUs);
            assertThat(r.endUs()).isBetween(r.startUs(), afterUs);
        });
        assertThat(dir.view()).allSatisfy(v -> assertThat(v.tUs()).as("the gateway's stamp of %s", v.endpoint())
                .isBetween(beforeUs, afterUs));
        assertThat(m.startUs()).isBetween(beforeUs, afterUs);
        assertThat(m.endUs()).isBetween(m.startUs(), afterUs);
        assertThat((timeline.get(0).tUs() - m.startUs()) / 1e6).as("crash scheduled at 5 s").isGreaterThanOrEqualTo(5.0);

        Result result = outcome.result();
        FaultResult crash = result.faults().get(0);
        assertThat(crash.detectionMs()).as("detected, within the run (not an hour off)").isNotNull()
                .isBetween(0.0, (afterUs - beforeUs) / 1000.0);
        assertThat(crash.recoveryMs()).as("recovered, within the run").isNotNull().isBetween(0.0, (afterUs - beforeUs) / 1000.0);
    }
}
