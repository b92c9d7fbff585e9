package dev.gauntlet.harness.cli;

import dev.gauntlet.harness.gate.RunOutputs;
import dev.gauntlet.harness.run.ScenarioRunner;
import dev.gauntlet.harness.scenario.Scenario;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code run <name-or-file> [--set path=value ...] [--gateway KIND]}: one scenario, end to end. */
@Command(name = "run", description = "Run one scenario and write its run directory and report.")
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "scenario name (see list) or file")
    String scenario;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "override a field, e.g. load.rate=50/s")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--runtime", paramLabel = "RUNTIME", description = "local (processes, the default) or containers"
            + " (Docker through Testcontainers); the same as --set runtime=RUNTIME")
    String runtime;

    @Option(names = "--gateway", paramLabel = "KIND", description = "the gateway under test: builtin (ours), envoy,"
            + " haproxy, nginx, caddy, ... (see README, Gateway kinds); overrides gateway.kind of every scenario")
    String gateway;

    @Option(names = "--allow-remote", description = "allow load and faults to non-loopback addresses")
    boolean allowRemote;

    @Option(names = "--runs-dir", paramLabel = "DIR", description = "where run directories go (default: runs/)")
    Path runsDir;

    @Override
    public Integer call() {
        Scenario s = Scenarios.loader().load(scenario, Scenarios.withGateway(Scenarios.withRuntime(overrides, runtime), gateway));
        ScenarioRunner.RunOutcome outcome = new ScenarioRunner(runsDir != null ? runsDir : Scenarios.runsDir(), System.out)
                .allowRemote(allowRemote).run(s);
        if (outcome.result() == null) {
            return GauntletMain.EXIT_PART_FAILED;
        }
        return RunOutputs.exitCode(outcome.result());
    }
}
