package dev.gauntlet.harness.run;

import dev.gauntlet.harness.fault.FaultContext;
import dev.gauntlet.harness.fault.FaultRegistry;
import dev.gauntlet.harness.fault.FaultScheduler;
import dev.gauntlet.harness.fault.Micros;
import dev.gauntlet.harness.gate.RunOutputs;
import dev.gauntlet.harness.load.LoadRunner;
import dev.gauntlet.harness.load.LoadSignal;
import dev.gauntlet.harness.observe.ResourceSampler;
import dev.gauntlet.harness.observe.ViewObserver;
import dev.gauntlet.harness.runtime.ChildRegistry;
import dev.gauntlet.harness.runtime.PartsRuntime;
import dev.gauntlet.harness.kind.GatewayKinds;
import dev.gauntlet.harness.runtime.PartStartException;
import dev.gauntlet.harness.scenario.Scenario;
import dev.gauntlet.harness.topology.BlastRadius;
import dev.gauntlet.harness.topology.Topology;
import dev.gauntlet.harness.topology.TopologyPlanner;
import dev.gauntlet.report.run.JsonlWriter;
import dev.gauntlet.report.run.Result;
import dev.gauntlet.report.run.RunDirectory;
import dev.gauntlet.report.run.RunManifest;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Carries out one scenario end to end:
 *
 * <pre>
 * scenario ─► topology ─► local runtime starts it ─► observer (view.jsonl) ─► load (Gatling, requests.jsonl)
 *                                                    fault scheduler (timeline.jsonl) ┘
 *   ─► heal all ─► stop all ─► score (result.json) ─► report.html, junit.xml, summary.md
 * </pre>
 *
 * An abort (Ctrl-C, SIGTERM) takes the same way out from wherever the run is: heal, stop, score
 * what was recorded, render; nothing is left running and nothing recorded is lost.
 */
public final class ScenarioRunner {


    private final Path runsDir;
    private final PrintStream out;
    /** Every stamp of the run: CLOCK_MONOTONIC, which no wall-clock step moves. */
    private final Clock clock = Micros.MONOTONIC;
    /** Wall-clock time, read at the start only: the run id and the epoch offset shown in reports. */
    private final Clock wall;
    private final Object finishing = new Object();

    private RunDirectory dir;
    private PartsRuntime runtime;
    private GatewayView observer;
    private FaultScheduler faults;
    private JsonlWriter timeline;
    private RunManifest manifest;
    private Progress progress;
    private ChildRegistry registry;
    private ResourceSampler resources;
    private RunOutcome outcome;
    private boolean allowRemote;
    private long startedNanos;
    private boolean everyMinute;
    private volatile long lastMinuteReported;
    private boolean verbose;
    private ForeignOutput foreign;
    private LiveStatus live;
    private Topology topology;

    /** What a finished (or aborted) run produced. */
    public record RunOutcome(Path runDir, Result result, boolean aborted) {
    }

    public ScenarioRunner(Path runsDir, PrintStream out) {
        this(runsDir, out, Clock.systemDefaultZone());
    }

    /** As above with {@code wall} as the wall clock (a test steps it to show no stamp follows it). */
    public ScenarioRunner(Path runsDir, PrintStream out, Clock wall) {
        this.runsDir = runsDir;
        this.out = out;
        this.wall = wall;
    }

    /** Prints the gateway's footprint once a minute while load runs (soak runs watch for leaks). */
    public ScenarioRunner reportEveryMinute(boolean enabled) {
        this.everyMinute = enabled;
        return this;
    }

    private void minuteReport(dev.gauntlet.harness.observe.ResourceSample sample) {
        long start = manifest == null ? 0 : manifest.startUs();
        if (!everyMinute || start == 0 || !sample.part().equals("gateway") || sample.tUs() < start) {
            return;
        }
        long minute = (sample.tUs() - start) / 60_000_000L;
        if (minute > lastMinuteReported) {
            lastMinuteReported = minute;
            progress.event(String.format(java.util.Locale.ROOT, "minute %d: gateway rss %d MiB, %d fds, %d threads",
                    minute, sample.rssKib() / 1024, sample.fds(), sample.threads()));
        }
    }

    /** Shows foreign output (library logs, Gatling's console) as well as writing it to harness.log. */
    public ScenarioRunner verbose(boolean show) {
        this.verbose = show;
        return this;
    }

    /** Lets load and faults go to non-loopback addresses (off by default: see {@link BlastRadius}). */
    public ScenarioRunner allowRemote(boolean allow) {
        this.allowRemote = allow;
        return this;
    }

    public RunOutcome run(Scenario scenario) {
        startedNanos = System.nanoTime();
        preflight(scenario);
        // planned on loopback first: the scenario's own errors surface before anything is made
        BlastRadius.check(scenario, new TopologyPlanner().plan(scenario), allowRemote);
        for (String reaped : ChildRegistry.reapLeftovers(runsDir)) {
            out.println("reaped a leftover of a killed run: " + reaped);
        }
        Micros.startRun(wall);
        String runId = RunIds.next(runsDir, scenario.name(), LocalDateTime.now(wall));
        dir = new RunDirectory(runsDir.resolve(runId));
        RunFiles.writeScenario(dir, scenario);
        RunFiles.writeSchedule(dir, scenario);
        foreign = ForeignOutput.divert(dir.file(ForeignOutput.FILE), verbose);
        registry = ChildRegistry.open(dir.root());
        Thread hook = new Thread(() -> finish(true), "gauntlet-abort");
        Runtime.getRuntime().addShutdownHook(hook);
        progress = new Progress(out, clock, scenario.load().duration().toMillis());
        progress.say("run " + runId + ": " + scenario.name() + " (" + scenario.load().describe() + ", " + scenario.faults().size() + " fault steps)");
        try {
            runtime = PartsRuntime.create(scenario.runtime(), scenario.gateway().gatewayKind(), runId,
                    dir.root(), registry);
            topology = new TopologyPlanner().plan(scenario, runtime.placement());
            BlastRadius.check(scenario, topology, allowRemote, runtime.placement());
            runtime.start(topology);
            manifest = RunFiles.manifest(runId, scenario, topology);
            dir.writeManifest(manifest);
            observer = GatewayView.open(runtime, topology, dir);
            manifest = observer.describe(manifest);
            dir.writeManifest(manifest);
            progress.say("started " + runtime.describe() + "; all endpoints healthy");
            resources = sampler().onSample(this::minuteReport).start(Duration.ofSeconds(2));
            timeline = new JsonlWriter(dir.file(RunDirectory.TIMELINE), 1);
            faults = new FaultScheduler(scenario.faults(), FaultRegistry.standard(), topology,
                    endpoint -> new FaultContext(runtime, endpoint, clock, RunFiles.healthPath(scenario)),
                    timeline, clock, progress::event);
            LoadSignal signal = LoadSignal.reset();
            Thread starter = new Thread(() -> startFaultsWhenLoadStarts(signal), "fault-start");
            starter.setDaemon(true);
            starter.start();
            int gatling = new LoadRunner().run(scenario.load(), runtime.gateway().baseUrl(), dir.root(), RunFiles.WARMUP,
                    runtime.gatewayKind().labeler(), scenario.seed());
            if (gatling != 0) {
                progress.say("gatling exited with code " + gatling);
            }
            finish(false);
            Runtime.getRuntime().removeShutdownHook(hook);
            return outcome;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finish(true);
            return outcome;
        } catch (RuntimeException e) {
            cleanUp();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or ran; it found nothing left to do
            }
            throw e;
        }
    }

    /** Refuses, before anything starts, a scenario whose faults this machine cannot make. */
    private static void preflight(Scenario scenario) {
        scenario.faults().stream().map(f -> f.action()).filter(FaultRegistry.NEEDS_NFT::contains).findFirst()
                .ifPresent(action -> {
                    String why = dev.gauntlet.harness.runtime.Nftables.unavailableReason(scenario.runtime().equals("containers"));
                    if (why != null) {
                        throw new PartStartException(scenario.name() + ": fault " + action + " cannot be made here: " + why);
                    }
                });
    }

    private void startFaultsWhenLoadStarts(LoadSignal signal) {
        try {
            if (signal.await(2, TimeUnit.MINUTES)) {
                synchronized (finishing) {
                    if (outcome != null) {
                        return;
                    }
                    manifest = manifest.started(signal.startUs());
                    dir.writeManifest(manifest);
                    GatewayView view = observer;
                    live = new LiveStatus(signal, view::usable, topology.cluster(), topology.endpoints().stream()
                            .filter(e -> e.pool().equals(topology.cluster())).map(e -> e.id()).toList()).start();
                    progress.status(live::line);
                    progress.loadStarted(signal.startUs());
                    faults.start(signal.startNanos());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Normal end and abort meet here; whoever comes first does the work, the other waits for it. */
    private void finish(boolean aborted) {
        synchronized (finishing) {
            if (outcome != null || dir == null) {
                return;
            }
            if (aborted) {
                out.println("aborting: healing faults, stopping every part, keeping what was recorded");
            }
            LoadSignal.current().flushRecords();
            // The run's window closes when the load did, not after Gatling has written its report.
            long loadEnd = LoadSignal.current().endUs();
            long endUs = !aborted && loadEnd > 0 ? loadEnd : Micros.now(clock);
            String footprint = resources == null ? "" : resources.peakRssMib().entrySet().stream()
                    .map(e -> e.getKey() + " " + Math.round(e.getValue()) + " MiB")
                    .collect(java.util.stream.Collectors.joining(", "));
            cleanUp();
            if (manifest == null || manifest.startUs() == 0) {
                outcome = new RunOutcome(dir.root(), null, true);
                out.println("the run stopped before load began; its logs are in " + dir.root());
                return;
            }
            manifest = manifest.ended(endUs, aborted);
            dir.writeManifest(manifest);
            Result result = RunOutputs.produce(dir);
            outcome = new RunOutcome(dir.root(), result, aborted);
            if (!footprint.isEmpty()) {
                out.println("peak resident memory: " + footprint);
            }
            if (result.metrics() != null && result.metrics().achievedRatePerSec() != null) {
                out.printf(java.util.Locale.ROOT, "load: %d requests, %.2f req/s achieved of %.2f req/s target%n",
                        result.metrics().requests(), result.metrics().achievedRatePerSec(), manifest.targetRatePerSec());
            }
            out.println("verdict: " + ConsoleColor.verdict(result.verdict()) + (aborted ? " (aborted run, partial results)" : ""));
            result.checks().stream().filter(c -> !Result.PASS.equals(c.verdict())).forEach(c -> out.println("  "
                    + ConsoleColor.verdict(c.verdict()) + " " + c.name() + ": " + (c.measured() == null ? "" : c.measured() + " ")
                    + "(expected " + c.expected() + ")" + (c.reason() == null ? "" : ": " + c.reason())));
            long loadStartUs = manifest.startUs();
            double totalS = (System.nanoTime() - startedNanos) / 1e9;
            double loadS = (endUs - loadStartUs) / 1e6;
            out.printf(java.util.Locale.ROOT, "time: %.1f s in all, %.1f s of measured load, %.1f s harness overhead "
                    + "(start-up, %d s warm-up, wrap-up and report)%n", totalS, loadS, totalS - loadS, RunFiles.WARMUP.toSeconds());
            out.println("report: " + display(dir.file(RunDirectory.REPORT)));
        }
    }

    private ResourceSampler sampler() {
        List<ResourceSampler.Part> parts = new java.util.ArrayList<>();
        parts.add(new ResourceSampler.Part("gateway", runtime.gateway()::pid));
        parts.add(new ResourceSampler.Part("toxiproxy", runtime.toxiproxy()::pid));
        runtime.backends().forEach(b -> parts.add(new ResourceSampler.Part("backend " + b.plan().id(), b::pid)));
        return new ResourceSampler(parts, dir.file("resources.jsonl"), clock);
    }

    private void cleanUp() {
        if (live != null) {
            live.close();
        }
        if (resources != null) {
            resources.close();
        }
        if (runtime != null && runtime.gateway() != null && runtime.gateway().isAlive()) {
            ViewObserver.saveMetrics(runtime.gateway().adminUrl(), dir.file(RunDirectory.GATEWAY_METRICS));
        }
        if (faults != null) {
            faults.healAll();
        }
        if (observer != null) {
            observer.close();
        }
        if (runtime != null) {
            runtime.close();
        } else if (registry != null) {
            registry.close();
        }
        if (timeline != null) {
            timeline.close();
        }
        if (progress != null) {
            progress.close();
        }
        if (foreign != null) {
            foreign.close(); // after the parts stopped: their last complaints still go to harness.log
        }
    }




    /** Paths are printed relative to the working directory when they are inside it. */
    static String display(Path path) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = path.toAbsolutePath();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }
}
