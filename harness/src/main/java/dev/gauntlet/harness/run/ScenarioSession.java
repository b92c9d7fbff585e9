package dev.gauntlet.harness.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.harness.fault.FaultContext;
import dev.gauntlet.harness.fault.FaultRegistry;
import dev.gauntlet.harness.fault.FaultScheduler;
import dev.gauntlet.harness.fault.Micros;
import dev.gauntlet.harness.gate.RunOutputs;
import dev.gauntlet.harness.load.LoadRunner;
import dev.gauntlet.harness.load.LoadSignal;
import dev.gauntlet.harness.kind.GatewayKinds;
import dev.gauntlet.harness.runtime.ChildRegistry;
import dev.gauntlet.harness.runtime.PartsRuntime;
import dev.gauntlet.harness.scenario.Scenario;
import dev.gauntlet.harness.topology.Topology;
import dev.gauntlet.harness.topology.TopologyPlanner;
import dev.gauntlet.report.run.JsonlWriter;
import dev.gauntlet.report.run.Result;
import dev.gauntlet.report.run.RunDirectory;
import dev.gauntlet.report.run.RunManifest;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * One topology (Toxiproxy, backends, gateway) kept alive across several runs, the gateway's cluster
 * settings changed between runs through {@code PUT /admin/config}: what a tuning sweep needs to spend its
 * time measuring instead of starting processes. Each {@link #run} is otherwise a normal run with its own
 * run directory (scenario, view, timeline, requests, result, report); the processes' logs stay in the
 * session directory.
 *
 * <pre>{@code
 * try (ScenarioSession session = ScenarioSession.start(first, Path.of("runs/sweeps/x/sessions/crash"), log)) {
 *     ScenarioRunner.RunOutcome a = session.run(first, runsDir);
 *     ScenarioRunner.RunOutcome b = session.run(sameScenarioOtherSettings, runsDir);   // PUT, no restart
 * }
 * }</pre>
 *
 * A later scenario must have the same backends as the first ({@link #accepts}); a gateway that refuses the
 * change at run time (a listen, route or endpoint change) throws {@link ReconfigureRefusedException} and the
 * caller starts a new session. {@link ScenarioRunner#run} is unchanged and stays the way to run one scenario.
 */
public final class ScenarioSession implements AutoCloseable {


    private final Path sessionDir;
    private final PrintStream out;
    /** Every stamp of a run: CLOCK_MONOTONIC, which no wall-clock step moves (wall time only names runs). */
    private final Clock clock = Micros.MONOTONIC;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Scenario shape;
    private final ChildRegistry registry;
    private final PartsRuntime runtime;
    private Topology topology;
    private final Thread hook;
    private ObjectNode applied;
    private FaultScheduler faults;

    /** The gateway answered a config change with an error: the change needs a restart. */
    public static final class ReconfigureRefusedException extends RuntimeException {
        public ReconfigureRefusedException(String message) {
            super(message);
        }
    }

    private ScenarioSession(Scenario first, Path sessionDir, PrintStream out) {
        this.sessionDir = sessionDir;
        this.out = out;
        this.shape = first;
        try {
            Files.createDirectories(sessionDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.registry = ChildRegistry.open(sessionDir);
        this.runtime = PartsRuntime.create(first.runtime(), first.gateway().gatewayKind(),
                sessionDir.getFileName().toString(), sessionDir, registry);
        this.hook = new Thread(this::stopParts, "gauntlet-session-abort");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            topology = new TopologyPlanner().plan(first, runtime.placement());
            runtime.start(topology);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        this.applied = first.gateway().cluster().deepCopy();
        out.println("session " + sessionDir.getFileName() + ": started " + runtime.describe());
    }

    /** Starts the topology of {@code first}; its processes log into {@code sessionDir}. */
    public static ScenarioSession start(Scenario first, Path sessionDir, PrintStream out) {
        for (String reaped : ChildRegistry.reapLeftovers(sessionDir.getParent())) {
            out.println("reaped a leftover of a killed session: " + reaped);
        }
        return new ScenarioSession(first, sessionDir, out);
    }

    /** Whether {@code scenario} can run on this topology: the same backends, the same gateway kind. */
    public boolean accepts(Scenario scenario) {
        return scenario.backends().equals(shape.backends()) && scenario.gateway().kind().equals(shape.gateway().kind())
                && scenario.runtime().equals(shape.runtime())
                // a user's own file (or its variables) is restart-only: a new session renders it
                && java.util.Objects.equals(scenario.gateway().nativeTemplate(), shape.gateway().nativeTemplate());
    }

    /** One run on the living topology, in a new directory under {@code runsDir}. */
    public ScenarioRunner.RunOutcome run(Scenario scenario, Path runsDir) {
        if (!accepts(scenario)) {
            throw new IllegalArgumentException(scenario.name() + ": backends differ from the session's; start a new session");
        }
        boolean changed = reconfigure(scenario.gateway().cluster());
        Micros.startRun(Clock.systemUTC());
        String runId = RunIds.next(runsDir, scenario.name(), LocalDateTime.now());
        RunDirectory dir = new RunDirectory(runsDir.resolve(runId));
        RunFiles.writeScenario(dir, scenario);
        RunFiles.writeSchedule(dir, scenario);
        ForeignOutput foreign = ForeignOutput.divert(dir.file(ForeignOutput.FILE), false); // the console stays Gauntlet's
        Progress progress = new Progress(out, clock, scenario.load().duration().toMillis());
        GatewayView observer = null;
        JsonlWriter timeline = null;
        RunManifest manifest = RunFiles.manifest(runId, scenario, topology);
        try {
            dir.writeManifest(manifest);
            observer = GatewayView.open(runtime, topology, dir);
            dir.writeManifest(observer.describe(manifest));
            progress.say("run " + runId + " on session " + sessionDir.getFileName()
                    + (changed ? " (gateway settings changed by PUT /admin/config)" : " (gateway settings unchanged)"));
            timeline = new JsonlWriter(dir.file(RunDirectory.TIMELINE), 1);
            faults = new FaultScheduler(scenario.faults(), FaultRegistry.standard(), topology,
                    endpoint -> new FaultContext(runtime, endpoint, clock, RunFiles.healthPath(scenario)), timeline, clock,
                    progress::event);
            LoadSignal signal = LoadSignal.reset();
            Thread starter = new Thread(() -> onLoadStart(signal, dir, progress), "fault-start");
            starter.setDaemon(true);
            starter.start();
            int gatling = new LoadRunner().run(scenario.load(), runtime.gateway().baseUrl(), dir.root(), RunFiles.WARMUP,
                    runtime.gatewayKind().labeler(), scenario.seed());
            if (gatling != 0) {
                progress.say("gatling exited with code " + gatling);
            }
            LoadSignal.current().flushRecords();
            long loadEnd = LoadSignal.current().endUs();
            long endUs = loadEnd > 0 ? loadEnd : Micros.now(clock);
            faults.healAll();
            RunManifest started = dir.manifest();
            if (started.startUs() == 0) {
                return new ScenarioRunner.RunOutcome(dir.root(), null, true);
            }
            dir.writeManifest(started.ended(endUs, false));
            observer.close();
            timeline.close();
            Result result = RunOutputs.produce(dir);
            return new ScenarioRunner.RunOutcome(dir.root(), result, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ScenarioRunner.RunOutcome(dir.root(), null, true);
        } finally {
            if (faults != null) {
                faults.healAll();
            }
            if (observer != null) {
                observer.close();
            }
            if (timeline != null) {
                timeline.close();
            }
            progress.close();
            foreign.close();
        }
    }

    /** Stamps the load's start into run.json and starts the fault schedule against it. */
    private void onLoadStart(LoadSignal signal, RunDirectory dir, Progress progress) {
        try {
            if (signal.await(2, TimeUnit.MINUTES)) {
                dir.writeManifest(dir.manifest().started(signal.startUs()));
                progress.loadStarted(signal.startUs());
                faults.start(signal.startNanos());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Puts every cluster's settings to those of the scenario. The gateway merges a patch into its config key
     * by key, so the settings must name the same keys at every run of a session (a sweep's points do: they
     * only change values); a key left out would keep the previous run's value.
     */
    private boolean reconfigure(ObjectNode cluster) {
        if (Objects.equals(cluster, applied)) {
            return false;
        }
        if (!leafPaths(cluster, "").equals(leafPaths(applied, ""))) {
            throw new ReconfigureRefusedException("the settings name other keys than the session's: a restart is needed");
        }
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        var clusters = patch.putArray("clusters");
        topology.gatewayConfig().path("clusters").forEach(c -> {
            ObjectNode k = cluster.deepCopy();
            k.put("name", c.path("name").asText());
            clusters.add(k);
        });
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(runtime.gateway().adminUrl() + "/admin/config"))
                    .timeout(Duration.ofSeconds(5)).header("content-type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(patch.toString())).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new ReconfigureRefusedException("PUT /admin/config answered " + answer.statusCode() + ": " + answer.body());
            }
        } catch (IOException e) {
            throw new ReconfigureRefusedException("PUT /admin/config failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReconfigureRefusedException("interrupted while reconfiguring");
        }
        applied = cluster.deepCopy();
        return true;
    }

    private static java.util.Set<String> leafPaths(JsonNode node, String prefix) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        if (node != null && node.isObject()) {
            node.fields().forEachRemaining(e -> out.addAll(leafPaths(e.getValue(), prefix + "." + e.getKey())));
        } else {
            out.add(prefix);
        }
        return out;
    }




    private void stopParts() {
        if (faults != null) {
            faults.healAll();
        }
        runtime.close(); // closes the registry too
    }

    @Override
    public void close() {
        stopParts();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or ran: it stops the same parts, and stopping twice is safe
        }
    }
}
