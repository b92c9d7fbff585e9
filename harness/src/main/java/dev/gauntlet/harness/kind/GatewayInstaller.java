package dev.gauntlet.harness.kind;

import dev.gauntlet.harness.runtime.ProjectHome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds a gateway's executable, installing it the first time it is needed as {@code run.sh} installs
 * Toxiproxy: with the kind's own script {@code tools/install-<kind>.sh} (written by the kind's engineer; it
 * exits non-zero with one line on stderr when it cannot install, e.g. not root, no apt). Looks in the project's
 * {@code .tools/bin}, then {@code PATH}, then {@code /usr/sbin} (where Debian puts haproxy and nginx).
 *
 * <pre>{@code
 * public Path binary() { return GatewayInstaller.ensure("haproxy"); }   // or GatewayUnavailableException: exit 3
 * }</pre>
 */
public final class GatewayInstaller {

    private static final long INSTALL_TIMEOUT_MINUTES = 15;

    private GatewayInstaller() {
    }

    /** The executable named as the kind. */
    public static Path ensure(String kind) {
        return ensure(kind, kind);
    }

    /** The executable {@code executable} of kind {@code kind}; installs it once if it is nowhere. */
    public static synchronized Path ensure(String kind, String executable) {
        Optional<Path> found = find(executable);
        if (found.isPresent()) {
            return found.get();
        }
        Path script = ProjectHome.root().resolve("tools/install-" + kind + ".sh");
        if (!Files.isRegularFile(script)) {
            throw new GatewayUnavailableException(kind + ": " + executable + " not found in .tools/bin, PATH or /usr/sbin,"
                    + " and there is no tools/install-" + kind + ".sh to install it");
        }
        System.out.println("installing " + kind + " ...");
        Path log = ProjectHome.root().resolve(".tools/install-" + kind + ".log");
        String complaint = run(script, log);
        if (complaint != null) {
            throw new GatewayUnavailableException(kind + ": " + executable + " is not installed and " + script.getFileName()
                    + " could not install it: " + complaint + " (log: " + log + ")");
        }
        return find(executable).orElseThrow(() -> new GatewayUnavailableException(kind + ": " + script.getFileName()
                + " finished but " + executable + " is still not in .tools/bin, PATH or /usr/sbin (log: " + log + ")"));
    }

    /** Where the executable is now, if anywhere. */
    public static Optional<Path> find(String executable) {
        List<Path> candidates = new ArrayList<>();
        candidates.add(ProjectHome.root().resolve(".tools/bin").resolve(executable));
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, executable));
            }
        }
        candidates.add(Path.of("/usr/sbin", executable));
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    /** Runs the script; null when it succeeded, else its last line of output (its one-line reason). */
    private static String run(Path script, Path log) {
        try {
            Files.createDirectories(log.getParent());
            Process p = new ProcessBuilder("bash", script.toString()).directory(ProjectHome.root().toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(INSTALL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return "did not finish within " + INSTALL_TIMEOUT_MINUTES + " minutes";
            }
            if (p.exitValue() == 0) {
                return null;
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
            return "exit " + p.exitValue() + (lines.isEmpty() ? "" : ": " + lines.get(lines.size() - 1).strip());
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
