package dev.gauntlet.harness.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Short versions of library scenarios for integration tests (seconds, not minutes). */
final class ShortScenarios {

    /** one-of-three-crashes, compressed: 20 s of 100 req/s, crash at 5 s, restart at 12 s. */
    static final String CRASH = """
            name: short-crash
            description: one of three crashes and returns, compressed for tests
            gateway:
              config:
                healthCheck: { path: /health, interval: 500ms, jitter: 50ms, timeout: 300ms,
                               unhealthyThreshold: 2, healthyThreshold: 2 }
                retry: { maxRetries: 1, retryOn: [connect_failure, reset] }
            backends:
              - pool: api
                replicas: 3
                behaviour: { latency: { fixed: 2ms } }
            load: { rate: 100/s, duration: 20s, path: /api/items }
            faults:
              - { at: 5s, target: "api[0]", action: crash }
              - { at: 12s, target: "api[0]", action: restart }
            expect:
              avoidable_nhu: 0s
              detection_time: "<= bound"
              availability: ">= 99.0%"
            """;

    /** {@link #CRASH} with every part in a container. */
    static final String CRASH_IN_CONTAINERS = CRASH.replace("name: short-crash\n", "name: short-crash\nruntime: containers\n");

    private ShortScenarios() {
    }

    static Path write(Path dir, String name, String yaml) throws IOException {
        return Files.writeString(dir.resolve(name + ".yaml"), yaml);
    }
}
