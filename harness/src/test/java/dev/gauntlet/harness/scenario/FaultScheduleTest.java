package dev.gauntlet.harness.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gauntlet.harness.fault.FaultRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultScheduleTest {

    private static final String HEAD = """
            name: schedule
            backends:
              - { pool: api, replicas: 4 }
            load: { rate: 10/s, duration: 60s }
            """;

    @TempDir
    Path dir;

    private Scenario load(String body, String... overrides) throws IOException {
        Path file = Files.writeString(dir.resolve("schedule.yaml"), HEAD + body);
        FaultRegistry faults = FaultRegistry.standard();
        return new ScenarioLoader(dir, faults::validate, (m, e) -> { }).load(file.toString(), List.of(overrides));
    }

    private static List<String> describe(Scenario s) {
        return s.faults().stream().map(f -> f.at().toSeconds() + "s " + f.action() + " " + f.pool() + f.targets()).toList();
    }

    @Test
    void everyRepeatsAStepUntilItsEnd() throws IOException {
        Scenario s = load("""
                faults:
                  - { at: 10s, every: 15s, until: 50s, target: "api[1]", action: refuse, for: 5s }
                """);
        assertThat(describe(s)).as("10, 25, 40 — 55 is past until").containsExactly(
                "10s refuse api[1]", "25s refuse api[1]", "40s refuse api[1]");
        assertThat(s.faults()).allSatisfy(f -> assertThat(f.lasting()).isEqualTo(Duration.ofSeconds(5)));
    }

    @Test
    void staggerRollsAStepOverThePoolOneReplicaAtATime() throws IOException {
        Scenario s = load("""
                faults:
                  - { at: 5s, stagger: 10s, target: api, action: crash, for: 2s }
                """);
        assertThat(describe(s)).as("a rolling restart").containsExactly(
                "5s crash api[0]", "15s crash api[1]", "25s crash api[2]", "35s crash api[3]");
    }

    @Test
    void aShareOfAPoolIsItsFirstReplicasRoundedUp() throws IOException {
        Scenario s = load("""
                faults:
                  - { at: 5s, target: "api:50%", action: crash }
                  - { at: 6s, target: "api:30%", action: hang }
                """);
        assertThat(describe(s)).containsExactly("5s crash api[0, 1]", "6s hang api[0, 1]");
    }

    @Test
    void nemesisIsRandomButTheSameSeedGivesTheSameSchedule() throws IOException {
        String nemesis = """
                nemesis:
                  from: 5s
                  until: 55s
                  interval: 10s
                  for: 3s
                  target: api
                  actions: [ { action: crash }, { action: latency, latency: 300ms } ]
                """;
        Scenario a = load(nemesis);
        Scenario b = load(nemesis);
        Scenario c = load(nemesis, "seed=7");
        assertThat(a.faults()).as("five 10 s slots between 5 s and 55 s").hasSize(5);
        assertThat(describe(a)).as("replayable from the seed").isEqualTo(describe(b));
        assertThat(describe(a)).as("another seed, another run").isNotEqualTo(describe(c));
        for (FaultStep f : a.faults()) {
            long slot = (f.at().toMillis() - 5_000) / 10_000;
            assertThat(f.at().plus(f.lasting()).toMillis()).as("healed inside its own slot").isLessThanOrEqualTo(5_000 + (slot + 1) * 10_000);
        }
    }

    @Test
    void aRepeatLongerThanItsPeriodIsRejected() {
        assertThatThrownBy(() -> load("""
                faults:
                  - { at: 10s, every: 5s, target: "api[1]", action: refuse, for: 5s }
                """)).hasMessage("schedule.yaml: faults[0].for: 5s (expected: < every (5000ms))");
        assertThatThrownBy(() -> load("""
                faults:
                  - { at: 10s, target: "api:0%", action: refuse }
                """)).hasMessage("schedule.yaml: faults[0].target: api:0% (expected: a share from 1% to 100%)");
    }

    @Test
    void aSlicerThatWouldCrashToxiproxyIsRefusedBeforeTheRun() {
        assertThatThrownBy(() -> load("""
                faults:
                  - { at: 10s, target: "api[1]", action: slicer, averageSize: 4 }
                """)).as("Toxiproxy 2.12 panics when sizeVariation >= averageSize")
                .hasMessage("schedule.yaml: faults[0].sizeVariation: 32 (expected: < averageSize (4) and averageSize >= 1)");
    }
}
