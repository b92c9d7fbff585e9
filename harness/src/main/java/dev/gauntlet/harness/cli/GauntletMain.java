package dev.gauntlet.harness.cli;

import dev.gauntlet.harness.runtime.PartStartException;
import dev.gauntlet.harness.scenario.ScenarioInvalidException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The harness CLI behind {@code ./run.sh}. Exit codes: 0 every check passed, 1 a check failed,
 * 2 bad input or usage (one line naming file, field, value and rule), 3 a part failed to start.
 *
 * <pre>{@code
 * ./run.sh run one-of-three-crashes --set load.rate=50/s
 * ./run.sh validate scenarios/*.yaml
 * ./run.sh report runs/20261126-101500-one-of-three-crashes
 * }</pre>
 */
@Command(name = "gauntlet", mixinStandardHelpOptions = true, version = "gauntlet 0.1.0",
        description = "Chaos and load tests for API-gateway health checking.",
        subcommands = {RunCommand.class, ListCommand.class, ValidateCommand.class, ReportCommand.class, SweepCommand.class,
                GateCommand.class, CompareCommand.class, SoakCommand.class, LibraryTableCommand.class,
                TruthTableCommand.class, InitCommand.class})
public final class GauntletMain implements Runnable {

    public static final int EXIT_PASS = 0;
    public static final int EXIT_FAIL = 1;
    public static final int EXIT_BAD_INPUT = 2;
    public static final int EXIT_PART_FAILED = 3;
    public static final String DEFAULT_SCENARIO = "one-of-three-crashes";

    @Override
    public void run() {
        // reached only with options and no subcommand (execute() turns no arguments into the demo run)
        CommandLine.usage(this, System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        String[] effective = args.length == 0 ? new String[] {"run", DEFAULT_SCENARIO} : args;
        CommandLine cli = new CommandLine(new GauntletMain());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> handle(e, cmd.getErr()));
        cli.setParameterExceptionHandler((e, params) -> {
            e.getCommandLine().getErr().println("gauntlet: " + e.getMessage() + " (see ./run.sh --help)");
            return EXIT_BAD_INPUT;
        });
        return cli.execute(effective);
    }

    private static int handle(Exception e, PrintWriter err) {
        if (e instanceof ScenarioInvalidException invalid) {
            err.println(invalid.getMessage());
            return EXIT_BAD_INPUT;
        }
        if (e instanceof dev.gauntlet.harness.kind.template.TemplateException template) {
            err.println(template.getMessage()); // <template file>:<line>: what (expected: rule)
            return EXIT_BAD_INPUT;
        }
        if (e instanceof PartStartException failed) {
            err.println("could not start: " + failed.getMessage());
            return EXIT_PART_FAILED;
        }
        if (e instanceof IllegalArgumentException bad) {
            err.println("gauntlet: " + bad.getMessage());
            return EXIT_BAD_INPUT;
        }
        err.println("gauntlet: run failed: " + e);
        e.printStackTrace(err);
        return EXIT_PART_FAILED;
    }
}
