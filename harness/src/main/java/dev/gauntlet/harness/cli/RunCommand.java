package dev.gauntlet.harness.cli;

import dev.gauntlet.harness.gate.RunOutputs;
import dev.gauntlet.harness.run.DryRun;
import dev.gauntlet.harness.run.RunSummary;
import dev.gauntlet.harness.run.ScenarioRunner;
import dev.gauntlet.harness.scenario.Scenario;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code run <name-or-file> [--set path=value ...] [--gateway KIND] [--dry-run] [--json] [--verbose]}: one
 * scenario, end to end; with {@code --dry-run} only validated and planned, nothing started.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run one scenario and write its run directory and report.")
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

    @Option(names = "--dry-run", description = "validate and plan only: print the topology, the fault schedule, the"
            + " predicted detection/recovery bounds and the checks; start nothing (exit 0, or 2 for bad input)")
    boolean dryRun;

    @Option(names = "--json", description = "machine-readable: the run's summary as one JSON line on stdout (the"
            + " progress lines go to stderr); with --dry-run the plan as one JSON object")
    boolean json;

    @Option(names = "--verbose", description = "also show foreign output (library logs, Gatling's console); it is"
            + " always in the run directory's harness.log")
    boolean verbose;

    @Override
    public Integer call() {
        Scenario s = Scenarios.loader().load(scenario, Scenarios.withGateway(Scenarios.withRuntime(overrides, runtime), gateway));
        if (dryRun) {
            DryRun plan = DryRun.plan(s, allowRemote);
            if (json) {
                System.out.println(plan.json());
            } else {
                plan.print(System.out);
            }
            return GauntletMain.EXIT_PASS;
        }
        ScenarioRunner.RunOutcome outcome = new ScenarioRunner(runsDir != null ? runsDir : Scenarios.runsDir(),
                json ? System.err : System.out).allowRemote(allowRemote).verbose(verbose).run(s);
        int code = outcome.result() == null ? GauntletMain.EXIT_PART_FAILED : RunOutputs.exitCode(outcome.result());
        if (json) {
            System.out.println(RunSummary.json(outcome, code));
        }
        return code;
    }
}
