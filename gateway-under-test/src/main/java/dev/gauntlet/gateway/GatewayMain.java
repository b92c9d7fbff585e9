package dev.gauntlet.gateway;

import dev.gauntlet.gateway.config.ConfigInvalidException;
import dev.gauntlet.gateway.config.ConfigLoader;
import dev.gauntlet.gateway.config.GatewayConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar gateway.jar --config gateway.yaml}: starts the gateway, prints the ready line
 * ({@code {"event":"ready","port":…,"admin_port":…,"pid":…}}) on stdout and runs until terminated.
 * Exit 2 on a bad config or bad arguments (one line on stderr, no stack trace), 1 if it cannot start.
 * With {@code --validate} it only loads and checks the config: exit 0 when valid, else 2 with the one line.
 *
 * <pre>{@code java -Xmx128m -XX:+UseSerialGC -jar gateway.jar --config gw.yaml [--validate]}</pre>
 */
@Command(name = "gateway", mixinStandardHelpOptions = true, description = "Gauntlet gateway under test")
public final class GatewayMain implements Callable<Integer> {
    @Option(names = "--config", required = true, description = "gateway YAML config file")
    Path config;

    @Option(names = "--validate", description = "check the config and exit (0 valid, 2 invalid) without starting")
    boolean validateOnly;

    public static void main(String[] args) {
        CommandLine cl = new CommandLine(new GatewayMain());
        cl.setParameterExceptionHandler((ex, a) -> {
            System.err.println("arguments: " + ex.getMessage() + " (expected: --config <file>)");
            return 2;
        });
        System.exit(cl.execute(args));
    }

    @Override
    public Integer call() {
        GatewayConfig cfg;
        try {
            cfg = ConfigLoader.load(config);
        } catch (ConfigInvalidException e) {
            System.err.println(config + ": " + e.getMessage());
            return 2;
        }
        if (validateOnly) {
            return 0;
        }
        Gateway gw;
        try {
            gw = Gateway.start(cfg);
        } catch (RuntimeException e) {
            System.err.println(config + ": gateway could not start: " + e);
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gw.close();
            stopped.countDown();
        }, "shutdown"));
        PrintStream out = System.out;
        out.println(gw.readyLine());
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
