package dev.gauntlet.harness.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A validated scenario: what to start, what load to drive, which faults to inject when, and what
 * to expect. Built only by {@link ScenarioLoader}, which turns every invalid value into a
 * {@link ScenarioInvalidException}.
 *
 * <pre>{@code
 * Scenario s = new ScenarioLoader(Path.of("scenarios"), FaultSteps::validate, Expectation::parse)
 *         .load("one-of-three-crashes", List.of("load.rate=50/s"));
 * }</pre>
 *
 * @param resolved the scenario tree after overrides and with its seed, saved as the run's scenario.yaml
 */
public record Scenario(
        String name,
        String description,
        long seed,
        String runtime,
        GatewaySettings gateway,
        List<BackendPool> backends,
        LoadConfig load,
        List<FaultStep> faults,
        Map<String, String> expect,
        Path source,
        JsonNode resolved) {

    public Scenario {
        backends = List.copyOf(backends);
        faults = List.copyOf(faults);
        expect = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(expect));
    }

    public BackendPool pool(String name) {
        return backends.stream().filter(p -> p.pool().equals(name)).findFirst().orElse(null);
    }
}
