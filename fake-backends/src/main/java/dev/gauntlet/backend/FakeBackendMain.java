package dev.gauntlet.backend;

import dev.gauntlet.backend.config.BehaviourConfig;
import dev.gauntlet.backend.config.BehaviourDocuments;
import dev.gauntlet.backend.config.BehaviourInvalidException;
import dev.gauntlet.backend.server.BackendLog;
import dev.gauntlet.backend.server.FakeBackend;
import dev.gauntlet.backend.server.SelfSignedCertificates;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;

/**
 * The fake backend's command line. Prints one ready line on stdout once both ports are bound; bad
 * arguments or behaviour print one line on stderr and exit 2, never a stack trace.
 *
 * <pre>{@code
 * java -jar fake-backend.jar --id api-0 --port 0 --control-port 0 --behaviour '{"latency":{"fixed":"5ms"}}'
 * {"event":"ready","id":"api-0","port":41001,"control_port":41002,"pid":1234}
 * }</pre>
 *
 * <p>Arguments are parsed by hand rather than with picocli: six options do not need a framework, and
 * picocli's annotation scanning cost about 200 ms of a start-up that must stay well under a second.
 */
public final class FakeBackendMain {
    /** Exit code for bad arguments or behaviour. */
    public static final int EXIT_USAGE = 2;
    /** Exit code when the ports cannot be opened. */
    public static final int EXIT_START_FAILED = 3;
    public static final String DEFAULT_HOST = "127.0.0.1";
    static final String SOURCE = "command line";
    static final String USAGE = """
            Usage: java -jar fake-backend.jar --id <id> [--host 127.0.0.1] [--port 0] [--control-port 0]
                                              [--control-host 127.0.0.1] [--tls-ip-san <ip>[,<ip>...]]
                                              [--behaviour <json|file.json|file.yaml>]
              --id            backend id, sent as x-backend-id on every response (required)
              --host          data port address (default 127.0.0.1)
              --port          data port, 0 picks a free one (default 0)
              --control-port  control port, 0 picks a free one (default 0)
              --control-host  control port address (default 127.0.0.1, loopback only); e.g. 0.0.0.0 in a
                              container: the control API has no authentication, expose it to trusted networks only
              --tls-ip-san    addresses its certificates name besides 127.0.0.1: where clients reach it (a
                              proxy's address in a container network, say); not for wrong_host certificates
              --behaviour     behaviour as inline JSON or a JSON/YAML file (see README.md)
              --help          this text""";
    private static final List<String> OPTIONS = List.of("--id", "--host", "--port", "--control-port", "--control-host",
            "--tls-ip-san", "--behaviour");

    String id;
    String host = DEFAULT_HOST;
    String port = "0";
    String controlPort = "0";
    String controlHost = DEFAULT_HOST;
    String tlsIpSans = "";
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
        if (main.started == null) {
            System.exit(code);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(main.started::close, "shutdown"));
    }

    /** Parses and starts; returns 0 with the backend running (or after --help), or the exit code. */
    int run(String... args) {
        try {
            if (!parse(args)) {
                out.println(USAGE);
                return 0;
            }
        } catch (BehaviourInvalidException e) {
            err.println(e.getMessage());
            return EXIT_USAGE;
        }
        return call();
    }

    /** Fills the fields; false when help was asked for. Accepts "--opt value" and "--opt=value". */
    boolean parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return false;
            }
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (!OPTIONS.contains(name)) {
                throw BehaviourInvalidException.of("arguments", arg, "options " + String.join(", ", OPTIONS)
                        + ", --help").from(SOURCE);
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw BehaviourInvalidException.of(name, "missing value", "a value after " + name).from(SOURCE);
                }
                value = args[++i];
            }
            switch (name) {
                case "--id" -> id = value;
                case "--host" -> host = value;
                case "--port" -> port = value;
                case "--control-port" -> controlPort = value;
                case "--control-host" -> controlHost = value;
                case "--tls-ip-san" -> tlsIpSans = value;
                default -> behaviour = value;
            }
        }
        if (id == null) {
            throw BehaviourInvalidException.of("--id", "missing", "a backend id, e.g. --id api-0").from(SOURCE);
        }
        return true;
    }

    /** {@code --tls-ip-san}: a comma-separated list of IPv4 addresses (literals only: no name is looked up). */
    static List<byte[]> ipSans(String value) {
        List<byte[]> out = new java.util.ArrayList<>();
        for (String part : value.split(",")) {
            String ip = part.strip();
            if (ip.isEmpty()) {
                continue;
            }
            String[] octets = ip.split("\\.");
            byte[] bytes = new byte[4];
            boolean ok = octets.length == 4;
            for (int k = 0; ok && k < 4; k++) {
                ok = octets[k].matches("\\d{1,3}") && Integer.parseInt(octets[k]) <= 255;
                if (ok) {
                    bytes[k] = (byte) Integer.parseInt(octets[k]);
                }
            }
            if (!ok) {
                throw BehaviourInvalidException.of("--tls-ip-san", ip, "IPv4 addresses separated by commas, e.g. 10.213.7.2")
                        .from(SOURCE);
            }
            out.add(bytes);
        }
        return out;
    }

    private int call() {
        BehaviourConfig config;
        int dataPort;
        int ctlPort;
        try {
            if (id.isBlank()) {
                throw BehaviourInvalidException.of("--id", "\"\"", "a backend id, e.g. api-0").from(SOURCE);
            }
            if (controlHost.isBlank()) {
                throw BehaviourInvalidException.of("--control-host", "\"" + controlHost + "\"",
                        "an address to bind the control port to, e.g. 127.0.0.1 or 0.0.0.0").from(SOURCE);
            }
            SelfSignedCertificates.nameAlsoAddresses(ipSans(tlsIpSans));
            dataPort = port("--port", port);
            ctlPort = port("--control-port", controlPort);
            config = behaviour == null ? BehaviourConfig.DEFAULT : BehaviourDocuments.load(behaviour);
        } catch (BehaviourInvalidException e) {
            err.println(e.getMessage());
            return EXIT_USAGE;
        }
        try {
            started = FakeBackend.start(id, host, dataPort, controlHost, ctlPort, config, Clock.systemUTC());
        } catch (BehaviourInvalidException e) {
            err.println((e.source() == null ? e.from(BehaviourDocuments.INLINE_SOURCE) : e).getMessage());
            return EXIT_USAGE;
        } catch (Exception e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            // With the default control host the line is the one it always was.
            String where = controlHost.equals(DEFAULT_HOST) ? host : host + "/" + controlHost;
            err.println(SOURCE + ": --port/--control-port: " + dataPort + "/" + ctlPort + " on " + where
                    + " (expected: free ports to bind; " + root.getMessage() + ")");
            return EXIT_START_FAILED;
        }
        // Written by hand: serialising through Jackson's ObjectMapper would cost ~100 ms of start-up.
        out.println("{\"event\":\"ready\",\"id\":" + jsonString(id) + ",\"port\":" + started.port()
                + ",\"control_port\":" + started.controlPort() + ",\"pid\":" + ProcessHandle.current().pid() + "}");
        out.flush();
        BackendLog.info("backend " + id + " serving " + (config.tls().enabled() ? "https" : "http") + " on " + host + ":"
                + started.port() + ", control on " + controlHost + ":" + started.controlPort() + ", behaviour "
                + config.toJson());
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
}
