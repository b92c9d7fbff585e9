package dev.gauntlet.harness.runtime.container;

import org.junit.jupiter.api.Assumptions;

/**
 * The container tests run when {@code ./run.sh test} found a Docker daemon and the base images
 * ({@code -Dgauntlet.containers=true}); otherwise they are skipped, saying so.
 */
public final class ContainersAvailable {

    private ContainersAvailable() {
    }

    public static void assume() {
        Assumptions.assumeTrue(Boolean.getBoolean("gauntlet.containers"),
                "container tests skipped: no Docker daemon with the base images (./run.sh test --with-docker, or start Docker)");
        Assumptions.assumeTrue(Docker.available(), "container tests skipped: gauntlet.containers=true but no Docker daemon answers"
                + " (or TESTCONTAINERS_RYUK_DISABLED is not true)");
    }
}
