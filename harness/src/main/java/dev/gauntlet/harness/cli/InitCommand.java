package dev.gauntlet.harness.cli;

import dev.gauntlet.harness.runtime.ProjectHome;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code init [dir]}: writes a commented starter scenario, suite and sweep into {@code dir} (default: the current
 * directory), each starting with the {@code yaml-language-server} line that points the editor at the project's
 * schemas. Never overwrites a file: an existing one is bad input (exit 2), and nothing is written then.
 *
 * <pre>{@code
 * ./run.sh init my-tests && ./run.sh validate my-tests/*.yaml && ./run.sh run my-tests/starter.yaml --dry-run
 * }</pre>
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Write a commented starter scenario, suite and sweep into DIR (default: here).")
final class InitCommand implements Callable<Integer> {

    static final List<String> FILES = List.of("starter.yaml", "suite.yaml", "sweep.yaml");

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "where to write them (created if missing)")
    Path dir = Path.of(".");

    @Override
    public Integer call() {
        Path target = dir.toAbsolutePath().normalize();
        for (String name : FILES) {
            if (Files.exists(target.resolve(name))) {
                throw new IllegalArgumentException("init: " + target.resolve(name) + ": exists (expected: a directory"
                        + " without " + String.join(", ", FILES) + "; nothing was written)");
            }
        }
        // relative, so the line keeps working when the project and the directory move together
        String schemas = target.relativize(ProjectHome.scenariosDir().toAbsolutePath().normalize()).toString();
        try {
            Files.createDirectories(target);
            for (String name : FILES) {
                Files.writeString(target.resolve(name), template(name).replace("${SCHEMA_DIR}", schemas.isEmpty() ? "." : schemas));
                System.out.println("wrote " + target.resolve(name));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("init: " + target + ": " + e.getMessage() + " (expected: a writable directory)");
        }
        System.out.println("next: ./run.sh validate " + dir.resolve("*.yaml") + " && ./run.sh run "
                + dir.resolve("starter.yaml") + " --dry-run");
        return GauntletMain.EXIT_PASS;
    }

    private static String template(String name) throws IOException {
        try (InputStream in = InitCommand.class.getResourceAsStream("/init/" + name)) {
            if (in == null) {
                throw new IOException("missing resource /init/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
