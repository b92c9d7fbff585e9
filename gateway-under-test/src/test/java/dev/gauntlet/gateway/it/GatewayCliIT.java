package dev.gauntlet.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar's command line: a bad config is one line on stderr and exit 2. */
class GatewayCliIT {
    @TempDir
    Path dir;

    private Process run(String yaml) throws Exception {
        Path cfg = dir.resolve("bad.yaml");
        Files.writeString(cfg, yaml);
        Process p = new ProcessBuilder("java", "-jar", Path.of("target", "gateway.jar").toAbsolutePath().toString(),
                "--config", cfg.toString()).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("exited").isTrue();
        return p;
    }

    @Test
    void invalidConfigIsOneLineOnStderrAndExit2() throws Exception {
        Process p = run("""
                clusters:
                  - name: api
                    endpoints: [ { name: a, address: "127.0.0.1:1" } ]
                    healthCheck: { unhealthyThreshold: 0 }
                """);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("exit code").isEqualTo(2);
        assertThat(err.lines().toList()).as("stderr").containsExactly(
                dir.resolve("bad.yaml") + ": clusters[0].healthCheck.unhealthyThreshold: 0 (expected: 1-1000)");
        assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).as("stdout").isEmpty();
    }
}
