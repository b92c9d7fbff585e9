package dev.gauntlet.harness.run;

import dev.gauntlet.harness.scenario.Scenario;
import dev.gauntlet.harness.scenario.ScenarioLoader;
import dev.gauntlet.harness.topology.Topology;
import dev.gauntlet.report.run.EndpointInfo;
import dev.gauntlet.report.run.RunDirectory;
import dev.gauntlet.report.run.RunManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

/** What a one-off run ({@link ScenarioRunner}) and a sweep's long-lived session share: the run's first files and timings. */
final class RunFiles {

    /** How long the gateway may take to report every endpoint usable before load starts. */
    static final Duration BASELINE_TIMEOUT = Duration.ofSeconds(30);
    /** Unrecorded load at the scenario's rate before the measured load begins. */
    static final Duration WARMUP = Duration.ofSeconds(2);

    private RunFiles() {
    }

    /**
     * The manifest as the run starts: time zero and the end are filled in when load starts and ends; the epoch
     * offset fixed by {@link dev.gauntlet.harness.fault.Micros#startRun} turns its monotonic stamps into wall time.
     */
    static RunManifest manifest(String runId, Scenario scenario, Topology topology) {
        List<EndpointInfo> endpoints = topology.endpoints().stream()
                .map(e -> new EndpointInfo(e.id(), e.pool(), e.index(), e.backendAddress(), e.proxyAddress())).toList();
        return new RunManifest(runId, scenario.name(), scenario.description(), 0, 0, false,
                scenario.gateway().kind(), true, topology.cluster(), endpoints, scenario.load().ratePerSec(),
                scenario.expect(), scenario.runtime()).withEpochOffset(dev.gauntlet.harness.fault.Micros.epochOffsetUs());
    }

    /** The path fault probes request: the first pool's health endpoint, which always answers cheaply. */
    static String healthPath(Scenario scenario) {
        return scenario.backends().get(0).behaviour().path("health").path("path").asText("/health");
    }

    /** One resolved fault step as saved in {@code schedule.json}. */
    record ScheduledStep(int index, long atMs, String action, String pool, List<Integer> targets, Long forMs,
                         com.fasterxml.jackson.databind.JsonNode params) {
    }

    /**
     * Saves the fault schedule exactly as it will be played — repeats, rolling steps and the nemesis's
     * random draws expanded — so a run can be read, compared and replayed step by step.
     */
    static void writeSchedule(RunDirectory dir, Scenario scenario) {
        dir.writeJson("schedule.json", scenario.faults().stream().map(f -> new ScheduledStep(f.index(), f.at().toMillis(),
                f.action(), f.pool(), f.targets(), f.lasting() == null ? null : f.lasting().toMillis(), f.params())).toList());
    }

    /** Saves the resolved scenario (overrides applied, seed fixed), so the run can be replayed. */
    static void writeScenario(RunDirectory dir, Scenario scenario) {
        try {
            Files.createDirectories(dir.root());
            ScenarioLoader.YAML.writerWithDefaultPrettyPrinter()
                    .writeValue(dir.file(RunDirectory.SCENARIO).toFile(), scenario.resolved());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
