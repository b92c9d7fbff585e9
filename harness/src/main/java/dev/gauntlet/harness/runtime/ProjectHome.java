package dev.gauntlet.harness.runtime;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the project's built parts live. {@code run.sh} passes {@code -Dgauntlet.home}; tests run
 * from a module directory, so otherwise the nearest ancestor holding both part modules is used.
 */
public final class ProjectHome {

    private ProjectHome() {
    }

    public static Path root() {
        String configured = System.getProperty("gauntlet.home");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("fake-backends")) && Files.isDirectory(dir.resolve("gateway-under-test"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new PartStartException("cannot find the Gauntlet project directory (set -Dgauntlet.home)");
    }

    public static Path backendJar() {
        return requireFile(root().resolve("fake-backends/target/fake-backend.jar"), "./run.sh builds it");
    }

    public static Path gatewayJar() {
        return requireFile(root().resolve("gateway-under-test/target/gateway.jar"), "./run.sh builds it");
    }

    public static Path scenariosDir() {
        return root().resolve("scenarios");
    }

    /** toxiproxy-server: -Dgauntlet.toxiproxy, the project's .tools/bin, then PATH. */
    public static Path toxiproxyServer() {
        String configured = System.getProperty("gauntlet.toxiproxy");
        if (configured != null) {
            return requireFile(Path.of(configured), "install toxiproxy-server 2.12.0");
        }
        Path local = root().resolve(".tools/bin/toxiproxy-server");
        if (Files.isExecutable(local)) {
            return local;
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(":")) {
            Path candidate = Path.of(dir, "toxiproxy-server");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new PartStartException("toxiproxy-server not found: run ./run.sh once (it installs it with "
                + "go install github.com/Shopify/toxiproxy/v2/cmd/server@v2.12.0) or put it on PATH");
    }

    /** The java binary running us, so children run on the same JDK. */
    public static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static Path requireFile(Path p, String hint) {
        if (!Files.isRegularFile(p)) {
            throw new PartStartException(p + " is missing (" + hint + ")");
        }
        return p;
    }
}
