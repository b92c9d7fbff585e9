package dev.gauntlet.harness.load;

import dev.gauntlet.harness.scenario.LoadConfig;
import io.gatling.app.Gatling$;
import java.nio.file.Path;

/**
 * Drives the scenario's load with Gatling 3.15, in this JVM, and keeps Gatling's own HTML report
 * in {@code <run>/gatling/}. Our per-request records go to {@code requests.jsonl}, the load as asked to
 * {@code load-plan.json} ({@link LoadPlan}) before it starts; Gatling's binary simulation.log is version-bound,
 * so it is kept but never parsed.
 *
 * <pre>{@code
 * LoadSignal signal = LoadSignal.reset();
 * int code = new LoadRunner().run(load, "http://127.0.0.1:8080", runDir, Duration.ofSeconds(2)); // blocks
 * }</pre>
 * Needs {@code --add-opens=java.base/java.lang=ALL-UNNAMED} on the JVM (run.sh passes it).
 */
public final class LoadRunner {

    static {
        System.setProperty("gatling.data.enableAnalytics", "false");
        // Gatling prints a console summary every 5 s; the harness has its own progress line.
        System.setProperty("gatling.data.writers.0", "file");
    }

    /** Runs the load to completion, labelling answers as our gateway does; returns Gatling's exit code. */
    public int run(LoadConfig load, String baseUrl, Path runDir, java.time.Duration warmup) {
        return run(load, baseUrl, runDir, warmup, dev.gauntlet.harness.kind.GatewayKinds.builtin().labeler());
    }

    /** Runs the load to completion, each answer labelled by {@code labeler}; returns Gatling's exit code. */
    public int run(LoadConfig load, String baseUrl, Path runDir, java.time.Duration warmup,
                   dev.gauntlet.harness.kind.AnswerLabeler labeler) {
        return run(load, baseUrl, runDir, warmup, labeler, 42);
    }

    /** As above, the mix's draws seeded by the scenario's {@code seed}. */
    public int run(LoadConfig load, String baseUrl, Path runDir, java.time.Duration warmup,
                   dev.gauntlet.harness.kind.AnswerLabeler labeler, long seed) {
        AnswerLabels.use(labeler);
        LoadPlan.of(load).write(runDir);
        GauntletSimulation.Params.use(new GauntletSimulation.Params(load, baseUrl, warmup,
                runDir.resolve("requests.jsonl"), seed));
        System.setProperty("gatling.http.requestTimeout", String.valueOf(load.requestTimeout().toMillis()));
        String[] args = {"-s", GauntletSimulation.class.getName(), "-rf", runDir.resolve("gatling").toString()};
        return Gatling$.MODULE$.fromArgs(args);
    }
}
