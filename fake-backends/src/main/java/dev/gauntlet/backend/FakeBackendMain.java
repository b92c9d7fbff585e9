package dev.gauntlet.backend;

import dev.gauntlet.backend.config.BehaviourConfig;
import dev.gauntlet.backend.config.BehaviourDocuments;
import dev.gauntlet.backend.config.BehaviourInvalidException;
import dev.gauntlet.backend.server.FakeBackend;
import java.io.PrintStream;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The fake backend's command line. Prints one ready line on stdout once both ports are bound; bad
 * arguments or behaviour print one line on stderr and exit 2, never a stack trace.
 *
 * <pre>{@code
 * java -jar fake-backend.jar --id api-0 --port 0 --control-port 0 --behaviour '{"latency":{"fixed":"5ms"}}'
 * {"event":"ready","id":"api-0","port":41001,"control_port":41002,"pid":1234}
 * }</pre>
 */
@Command(name = "fake-backend", mixinStandardHelpOptions = true,
        description = "A fake HTTP backend whose behaviour (latency, errors, health, overload, faults) is set "
                + "at start and changed at run time through its control port.")
public final class FakeBackendMain implements Callable<Integer> {
    /** Exit code for bad arguments or behaviour. */
    public static final int EXIT_USAGE = 2;
    /** Exit code when the ports cannot be opened. */
    public static final int EXIT_START_FAILED = 3;
    static final String SOURCE = "command line";
    private static final String OPTIONS = "--id, --host, --port, --control-port, --behaviour, --help";

    @Option(names = "--id", required = true, description = "Backend id, sent as x-backend-id on every response.")
    String id;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Data port address (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "0", description = "Data port, 0 for a free one.")
    String port;

    @Option(names = "--control-port", defaultValue = "0", description = "Control port on 127.0.0.1, 0 for a free one.")
    String controlPort;

    @Option(names = "--behaviour", description = "Behaviour as inline JSON or a JSON/YAML file.")
    String behaviour;

    private final PrintStream out;
    private final PrintStream err;
    private FakeBackend started;

    FakeBackendMain(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        FakeBackendMain main = new FakeBackendMain(System.out, System.err);
        int code = main.run(args);
        if (code != 0) {
            System.exit(code);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(main.started::close, "shutdown"));
    }

    /** Parses and starts; returns 0 with the backend running, or the exit code. */
    int run(String... args) {
        CommandLine cli = new CommandLine(this);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println(describe(e));
            return EXIT_USAGE;
        });
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            err.println(SOURCE + ": arguments: " + e + " (expected: a backend that starts)");
            return EXIT_START_FAILED;
        });
        cli.setOut(new java.io.PrintWriter(out, true));
        return cli.execute(args);
    }

    private static String describe(CommandLine.ParameterException e) {
        if (e instanceof CommandLine.MissingParameterException m) {
            String missing = m.getMissing().isEmpty() ? "an option" : ((Option) null == null
                    ? m.getMissing().get(0).paramLabel() : "");
            if (!m.getMissing().isEmpty() && m.getMissing().get(0).isOption()) {
                missing = ((CommandLine.Model.OptionSpec) m.getMissing().get(0)).longestName();
            }
            return SOURCE + ": " + missing + ": missing (expected: a value, e.g. --id api-0)";
        }
        if (e instanceof CommandLine.UnmatchedArgumentException u) {
            return SOURCE + ": arguments: " + String.join(" ", u.getUnmatched()) + " (expected: options " + OPTIONS + ")";
        }
        return SOURCE + ": arguments: " + e.getMessage() + " (expected: options " + OPTIONS + ")";
    }

    @Override
    public Integer call() {
        BehaviourConfig config;
        int dataPort;
        int ctlPort;
        try {
            if (id.isBlank()) {
                throw BehaviourInvalidException.of("--id", "\"\"", "a backend id, e.g. api-0").from(SOURCE);
            }
            dataPort = port("--port", port);
            ctlPort = port("--control-port", controlPort);
            config = behaviour == null ? BehaviourConfig.DEFAULT : BehaviourDocuments.load(behaviour);
        } catch (BehaviourInvalidException e) {
            err.println(e.getMessage());
            return EXIT_USAGE;
        }
        try {
            started = FakeBackend.start(id, host, dataPort, ctlPort, config, Clock.systemUTC());
        } catch (BehaviourInvalidException e) {
            err.println((e.source() == null ? e.from(BehaviourDocuments.INLINE_SOURCE) : e).getMessage());
            return EXIT_USAGE;
        } catch (Exception e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            err.println(SOURCE + ": --port/--control-port: " + dataPort + "/" + ctlPort + " on " + host
                    + " (expected: free ports to bind; " + root.getMessage() + ")");
            return EXIT_START_FAILED;
        }
        // Written by hand: serialising through Jackson's ObjectMapper would cost ~100 ms of start-up.
        out.println("{\"event\":\"ready\",\"id\":" + jsonString(id) + ",\"port\":" + started.port()
                + ",\"control_port\":" + started.controlPort() + ",\"pid\":" + ProcessHandle.current().pid() + "}");
        out.flush();
        return 0;
    }

    static String jsonString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    private static int port(String option, String value) {
        try {
            int p = Integer.parseInt(value);
            if (p >= 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException ignored) {
            // Reported below in the common format.
        }
        throw BehaviourInvalidException.of(option, value, "a port 0-65535 (0 picks a free one)").from(SOURCE);
    }

    FakeBackend started() {
        return started;
    }
}
