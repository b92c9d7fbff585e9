package com.example.gateway;

import dev.gauntlet.junit.GauntletScenario;

/**
 * Two library scenarios as tests: one the builtin gateway passes, one it fails by design (all three endpoints at
 * weight 0: the gateway routes nothing). A failing test's message lists the failing checks, one line each, and
 * the run directory; target/gauntlet-runs keeps every run's report.
 */
class GatewayResilienceTest {

    /** A frozen backend is hidden by per-try timeouts and health checks; shortened to keep the build quick. */
    @GauntletScenario(value = "scenarios/backend-hang.yaml", gateway = "builtin",
            set = {"load.duration=18s", "faults[0].at=4s", "faults[1].at=12s"})
    void hungBackendIsHidden() {
        // runs after the scenario passed: room for the team's own assertions on target/gauntlet-runs
    }

    /** BAD SETTING in the library: every endpoint at weight 0. Fails its availability check. */
    @GauntletScenario(value = "config-zero-weights", gateway = "builtin")
    void zeroWeightsLoseTraffic() {
    }
}
