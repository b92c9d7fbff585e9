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

    /**
     * The override that makes every scenario run against gateway kind {@code kind} ({@code --gateway}); a
     * kind that does not exist is bad input here, before anything runs. Each scenario then checks its
     * {@code gateway.config} against the kind's refusals as it loads, exactly as with {@code gateway.kind} in the file.
     */
    static String gatewayOverride(String kind) {
        if (!dev.gauntlet.harness.kind.GatewayKinds.names().contains(kind)) {
            throw new IllegalArgumentException("--gateway: " + kind + " (expected: one of "
                    + String.join(", ", dev.gauntlet.harness.kind.GatewayKinds.names()) + ")");
        }
        return "gateway.kind=" + kind;
    }

    /** {@code overrides} plus {@code gateway.kind=<kind>} when a --gateway option was given. */
    static java.util.List<String> withGateway(java.util.List<String> overrides, String kind) {
        if (kind == null) {
            return overrides;
        }
        java.util.List<String> all = new java.util.ArrayList<>(overrides);
        all.add(gatewayOverride(kind));
        return all;
    }

    static Path runsDir() {
        return ProjectHome.root().resolve("runs");
    }
}
