package com.example.gateway;

import dev.gauntlet.junit.GauntletScenario;

/**
 * A pair of library scenarios as tests: a drained replica (weights 2:1:0) that the builtin gateway routes around,
 * and its bad half (every endpoint at weight 0: the gateway routes nothing), which fails by design. A failing
 * test's message lists the failing checks, one line each, and the run directory; target/gauntlet-runs keeps every
 * run's report.
 */
class GatewayResilienceTest {

    /** One replica drained with weight 0: every request is still served. */
    @GauntletScenario(value = "scenarios/config-weights-drained.yaml", gateway = "builtin", set = {"load.duration=10s"})
    void drainedReplicaLosesNoTraffic() {
        // runs after the scenario passed: room for the team's own assertions on target/gauntlet-runs
    }

    /** BAD SETTING in the library: every endpoint at weight 0. Fails its availability check. */
    @GauntletScenario(value = "config-zero-weights", gateway = "builtin")
    void zeroWeightsLoseTraffic() {
    }
}
