package dev.gauntlet.harness.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.Test;

class ProcStatsTest {

    @Test
    void ticksAreReadPastACommandNameWithSpacesAndParentheses() {
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 1915 0 0 0 731 42 0 0 20 0 19 0 1234 0 0";
        assertThat(ProcStats.ticks(stat)).as("utime 731 + stime 42").isEqualTo(773);
    }

    @Test
    void thisProcessIsAliveHasResidentMemoryAndUsesCpu() throws Exception {
        long self = ProcessHandle.current().pid();
        assertThat(ProcStats.dead(self)).as("this JVM is alive").isFalse();
        assertThat(ProcStats.rssKiB(self)).as("RSS of this JVM (KiB)").isGreaterThan(10_000);
        assertThat(ProcStats.cpu(self, "main").processNanos()).as("CPU time of this JVM").isPositive();
    }

    @Test
    void aProcessThatExitsIsSeenDeadBetweenItsLastLiveLookAndTheFirstDeadOne() throws Exception {
        long started = System.currentTimeMillis(); // before the fork: the sleep cannot have begun earlier
        Process p = new ProcessBuilder("sleep", "0.3").start();
        ProcStats.Death d = ProcStats.awaitDeath(p.pid(), 5_000, Clock.systemUTC());
        assertThat(d.seen()).as("death seen").isTrue();
        assertThat(d.deadUs() - d.lastAliveUs()).as("the death's window (us)").isBetween(0L, 50_000L);
        assertThat(d.deadUs() / 1000 - started).as("seen after the sleep (ms)").isGreaterThanOrEqualTo(250);
    }

    @Test
    void theBracketsLowerEndIsTheLaterOfTheActionAndTheLastLookBeforeTheEffect() {
        assertThat(FaultScheduler.lowerEnd(100, new Verification(true, 500, "", null, 400))).as("OOM: last seen alive").isEqualTo(400);
        assertThat(FaultScheduler.lowerEnd(100, new Verification(true, 500, "", null, 0))).as("no own lower end").isEqualTo(100);
        assertThat(FaultScheduler.lowerEnd(100, new Verification(true, 500, "", null, 600))).as("never after the upper end").isEqualTo(100);
    }
}
