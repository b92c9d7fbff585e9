package dev.gauntlet.harness.runtime.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import dev.gauntlet.harness.runtime.ChildRegistry;
import dev.gauntlet.harness.runtime.PartStartException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;

/**
 * The Docker daemon as the containers runtime uses it: Testcontainers' client, the labels every object
 * of a run carries, and the few container operations faults need (kill, start, pause, unpause, inspect).
 *
 * <p>Labels: {@code dev.gauntlet.run} (the run id), {@code dev.gauntlet.harness} ({@code pid:start_ms} of the
 * harness that made it, so a sweep can tell a live run's containers from a killed one's) and
 * {@code dev.gauntlet.part}.
 */
public final class Docker {

    public static final String RUN_LABEL = "dev.gauntlet.run";
    public static final String HARNESS_LABEL = "dev.gauntlet.harness";
    public static final String PART_LABEL = "dev.gauntlet.part";

    private Docker() {
    }

    /** Testcontainers' client, or a one-line reason why there is none. */
    public static DockerClient client() {
        if (!"true".equals(System.getenv("TESTCONTAINERS_RYUK_DISABLED"))) {
            // Testcontainers would otherwise pull and start its Ryuk reaper; without a registry that hangs for minutes
            throw new PartStartException("containers runtime: set TESTCONTAINERS_RYUK_DISABLED=true and"
                    + " TESTCONTAINERS_HOST_OVERRIDE=localhost (./run.sh does): the harness removes its own containers"
                    + " by label, and Ryuk's image may not be pullable here");
        }
        DockerClientFactory factory = DockerClientFactory.instance();
        if (!factory.isDockerAvailable()) {
            throw new PartStartException("containers runtime: no Docker daemon is reachable (start Docker, or as root: "
                    + "./run.sh test --with-docker installs docker.io and starts dockerd)");
        }
        return factory.client();
    }

    /** Whether a daemon answers, without failing: for tests and the reaper. */
    public static boolean available() {
        if (!"true".equals(System.getenv("TESTCONTAINERS_RYUK_DISABLED"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    static Map<String, String> labels(String runId, String part) {
        return Map.of(RUN_LABEL, runId, HARNESS_LABEL, ChildRegistry.harnessMarker(), PART_LABEL, part);
    }

    static InspectContainerResponse.ContainerState state(String id) {
        return client().inspectContainerCmd(id).exec().getState();
    }

    /** The container's main process as this host sees it; -1 when it does not run. */
    static long pid(String id) {
        try {
            InspectContainerResponse.ContainerState state = state(id);
            Long pid = state.getPidLong();
            return Boolean.TRUE.equals(state.getRunning()) && pid != null && pid > 0 ? pid : -1;
        } catch (NotFoundException gone) {
            return -1;
        }
    }

    /** Removes a container whatever its state (a paused one is thawed first: the daemon will not kill it frozen). */
    static void remove(String id) {
        try {
            if (Boolean.TRUE.equals(state(id).getPaused())) {
                client().unpauseContainerCmd(id).exec();
            }
            client().removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException alreadyGone) {
            // removed already (by a reaper, or by hand)
        }
    }

    /** Writes everything the container printed, over all its restarts, to {@code file}. */
    static void saveLogs(String id, Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            client().logContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(false)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            try {
                                out.write(frame.getPayload());
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        }
                    }).awaitCompletion(10, TimeUnit.SECONDS);
        } catch (IOException | RuntimeException e) {
            // logs are a courtesy; removing the container matters more
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
