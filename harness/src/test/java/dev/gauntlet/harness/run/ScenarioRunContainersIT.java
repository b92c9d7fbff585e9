package dev.gauntlet.harness.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gauntlet.harness.fault.FaultRegistry;
import dev.gauntlet.harness.runtime.container.ContainersAvailable;
import dev.gauntlet.harness.scenario.Scenario;
import dev.gauntlet.harness.scenario.ScenarioLoader;
import dev.gauntlet.harness.score.Expectation;
import dev.gauntlet.report.run.FaultResult;
import dev.gauntlet.report.run.RequestRecord;
import dev.gauntlet.report.run.Result;
import dev.gauntlet.report.run.RunDirectory;
import dev.gauntlet.report.run.TimelineEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spine in the containers runtime: gateway, three backends and Toxiproxy each in a container on the
 * run's own network; the crash is a real {@code docker kill}, the restart starts the same container
 * again. Scored as in {@link ScenarioRunIT}, with the same bound; afterwards nothing of the run is left
 * in Docker, and every container's log is in the run directory.
 */
class ScenarioRunContainersIT {

    @TempDir
    Path tmp;

    @BeforeEach
    void docker() {
        ContainersAvailable.assume();
    }

    @Test
    void crashOfOneOfThreeContainersIsDetectedInsideItsBoundWithoutAvoidableNhu() throws Exception {
        Path file = ShortScenarios.write(tmp, "short-crash", ShortScenarios.CRASH_IN_CONTAINERS);
        FaultRegistry faults = FaultRegistry.standard();
        Scenario scenario = new ScenarioLoader(tmp, faults::validate, Expectation::parse).load(file.toString(), List.of());
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        ScenarioRunner.RunOutcome outcome = new ScenarioRunner(tmp.resolve("runs"), new PrintStream(console, true)).run(scenario);

        String printed = console.toString();
        Result result = outcome.result();
        RunDirectory dir = new RunDirectory(outcome.runDir());
        assertThat(printed).as("the parts ran as containers on the run's network").contains("8 containers on network gauntlet-");
        assertThat(printed).contains("report: ");

        List<TimelineEvent> timeline = dir.timeline();
        assertThat(timeline).extracting(TimelineEvent::action).containsExactly("crash", "restart");
        assertThat(timeline).allSatisfy(e -> assertThat(e.verified()).as("verified: " + e.verification()).isTrue());
        assertThat(timeline.get(0).verification()).contains("docker kill");
        assertThat(timeline.get(1).verification()).contains("started again as api-0");

        FaultResult crash = result.faults().get(0);
        // the same bounds as the local runtime (ScenarioRunIT): judged on the mechanism that fired, and the
        // judgement follows from the bracket; the passive prediction is a measurement, not a given
        assertThat(crash.mechanism()).as("%s", crash.detectionNote()).isIn("outlier_ejection", "active_check");
        assertThat(crash.detectionBounds()).filteredOn(b -> b.mechanism().equals("active_check"))
                .extracting(b -> List.of(b.lowMs(), b.highMs())).containsExactly(List.of(500.0, 1150.0));
        double lo = crash.detectionBracketMs().get(0);
        double hi = crash.detectionBracketMs().get(1);
        Boolean expected = lo >= crash.boundMs().get(0) && hi <= crash.boundMs().get(1) ? Boolean.TRUE
                : hi < crash.boundMs().get(0) || lo > crash.boundMs().get(1) ? Boolean.FALSE : null;
        assertThat(crash.insideBound()).as("bracket %s vs %s", crash.detectionBracketMs(), crash.boundMs()).isEqualTo(expected);
        assertThat(crash.recoveryMs()).as("recovered after the container came back").isNotNull();
        assertThat(result.metrics().avoidableNhuMs()).isEqualTo(0.0);
        assertThat(result.metrics().availability()).isGreaterThanOrEqualTo(0.99);
        assertThat(result.verdict()).as(printed)
                .isEqualTo(expected == null ? Result.UNKNOWN : expected ? Result.PASS : Result.FAIL);

        List<RequestRecord> requests = dir.requests();
        assertThat((double) requests.size()).as("open model: 100/s for 20 s").isCloseTo(2000.0, within(60.0));
        assertThat(requests.stream().map(RequestRecord::backend).distinct()).contains("api-0", "api-1", "api-2");
        assertThat(Files.readString(dir.file("resources.jsonl"))).as("container processes are sampled from the host")
                .contains("\"gateway\"", "\"backend api-0\"", "\"toxiproxy\"");

        assertThat(Files.readString(dir.file("gateway.log"))).as("the gateway container's log is kept").contains("\"ready\"");
        assertThat(Files.readString(dir.file("backend-api-0.log"))).as("api-0's log covers both of its lives")
                .containsPattern("(?s)\"ready\".*\"ready\"");
        ContainerChecks.assertNothingLeft(dir.root());
    }
}
