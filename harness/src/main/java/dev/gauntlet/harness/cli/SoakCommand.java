package dev.gauntlet.harness.cli;

import dev.gauntlet.harness.gate.RunOutputs;
import dev.gauntlet.harness.observe.ResourceGrowth;
import dev.gauntlet.harness.observe.ResourceSample;
import dev.gauntlet.harness.run.ScenarioRunner;
import dev.gauntlet.harness.scenario.Scenario;
import dev.gauntlet.report.run.RunDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code soak [--minutes N]}: our gateway under steady load with the seeded random nemesis for N
 * minutes ({@code scenarios/soak.yaml}), the gateway's RSS, open files and threads printed each
 * minute; fails (exit 1) when any of them grew more than 10% from minute 5 (or half-time, for
 * shorter soaks) to the end — a leak — or when a check of the scenario failed.
 */
@Command(name = "soak", mixinStandardHelpOptions = true, description = "Soak the gateway under load and random faults; fail on resource growth.")
final class SoakCommand implements Callable<Integer> {

    static final String SCENARIO = "soak";
    static final double BASELINE_MINUTE = 5;

    @Option(names = "--minutes", paramLabel = "N", description = "how long to soak (default: 10)")
    int minutes = 10;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "override a field of scenarios/soak.yaml")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--runtime", paramLabel = "RUNTIME", description = "local (default) or containers")
    String runtime;

    @Override
    public Integer call() {
        if (minutes < 1 || minutes > 24 * 60) {
            throw new IllegalArgumentException("--minutes: " + minutes + " (expected: 1 to 1440)");
        }
        List<String> all = new ArrayList<>(List.of("load.duration=" + minutes + "m", "nemesis.until=" + minutes + "m"));
        all.addAll(Scenarios.withRuntime(overrides, runtime));
        Scenario scenario = Scenarios.loader().load(SCENARIO, all);
        ScenarioRunner.RunOutcome outcome = new ScenarioRunner(Scenarios.runsDir(), System.out)
                .reportEveryMinute(true).run(scenario);
        if (outcome.result() == null) {
            return GauntletMain.EXIT_PART_FAILED;
        }
        RunDirectory dir = new RunDirectory(outcome.runDir());
        List<ResourceSample> samples = dir.readLines("resources.jsonl", ResourceSample.class);
        double baselineMinute = Math.min(BASELINE_MINUTE, minutes / 2.0);
        ResourceGrowth growth = ResourceGrowth.of(samples, "gateway", dir.manifest().startUs(), baselineMinute);
        if (growth == null) {
            System.out.println("soak: no gateway sample after minute " + baselineMinute + "; no leak verdict");
            return GauntletMain.EXIT_FAIL;
        }
        System.out.println("soak " + growth.describe());
        int checks = RunOutputs.exitCode(outcome.result());
        return growth.leaks() ? GauntletMain.EXIT_FAIL : checks;
    }
}
