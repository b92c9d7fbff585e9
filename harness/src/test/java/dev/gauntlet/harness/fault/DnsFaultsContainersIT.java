package dev.gauntlet.harness.fault;

import dev.gauntlet.harness.runtime.container.ContainersAvailable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The DNS faults of {@link DnsFaultsIT} again in containers: each replica's proxy on its own address on
 * the Toxiproxy container, the gateway resolving through the scenario DNS server on the run network's
 * bridge address.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DnsFaultsContainersIT extends DnsFaultsIT {

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
