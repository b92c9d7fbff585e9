package dev.gauntlet.harness.cli;

import dev.gauntlet.harness.fault.FaultRegistry;
import dev.gauntlet.harness.runtime.ProjectHome;
import dev.gauntlet.harness.scenario.ScenarioLoader;
import dev.gauntlet.harness.score.Expectation;
import java.nio.file.Path;

/** The scenario loader wired with the fault registry and the expectation grammar. */
final class Scenarios {

    private Scenarios() {
    }

    static ScenarioLoader loader() {
        return loader(ProjectHome.scenariosDir());
    }

    static ScenarioLoader loader(Path scenariosDir) {
        FaultRegistry faults = FaultRegistry.standard();
        return new ScenarioLoader(scenariosDir, faults::validate, Expectation::parse);
    }

    /** {@code overrides} plus {@code runtime=<runtime>} when a --runtime option was given. */
    static java.util.List<String> withRuntime(java.util.List<String> overrides, String runtime) {
        if (runtime == null) {
            return overrides;
        }
        java.util.List<String> all = new java.util.ArrayList<>(overrides);
        all.add("runtime=" + runtime);
        return all;
    }

    static Path runsDir() {
        return ProjectHome.root().resolve("runs");
    }
}
