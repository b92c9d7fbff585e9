package dev.gauntlet.harness.fault;

import dev.gauntlet.harness.runtime.container.ContainersAvailable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Every fault of {@link FaultsIT} again, with gateway, backends and Toxiproxy in containers: the same
 * verification and healing rules, through container mechanisms (docker kill, docker pause, nftables
 * inside Toxiproxy's network namespace).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultsContainersIT extends FaultsIT {

    @Override
    @BeforeAll
    void startTopology() throws Exception {
        ContainersAvailable.assume();
        super.startTopology();
    }

    @Override
    String runtimeKind() {
        return "containers";
    }
}
