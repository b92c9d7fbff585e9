package dev.gauntlet.harness.load;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import dev.gauntlet.harness.fault.Micros;
import dev.gauntlet.harness.scenario.ConnectionMode;
import dev.gauntlet.harness.scenario.LoadConfig;
import dev.gauntlet.harness.scenario.LoadModel;
import dev.gauntlet.harness.scenario.LoadStream;
import dev.gauntlet.report.run.ClientError;
import dev.gauntlet.report.run.JsonlWriter;
import dev.gauntlet.report.run.RequestRecord;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The load of a Gauntlet run, in the Gatling demo's four parts: protocol, scenario, assertions
 * (none: the gate is Gauntlet's own scoring, from our per-request records), setUp.
 *
 * <p>Each stream is a Gatling scenario injected by its profile ({@link Injection}); each arrival draws one request
 * of its stream's mix ({@link RequestChains}) and its outcome is appended to {@code requests.jsonl}: start, end,
 * status, {@code x-backend-id}, the gateway kind's labels of the answer ({@link AnswerLabels}; each request sends a
 * unique {@code x-request-id}), for a request with no answer Gatling's own error as a {@link ClientError} word
 * ({@link GatlingErrors}), the stream and the request's name. Stamps are the run's time base, CLOCK_MONOTONIC µs.
 * In the open model a user sends one request; in the closed model a user sends one request and thinks, and
 * Gatling starts the next user when one ends. Parameters come from {@link Params#current()} (set by
 * {@link LoadRunner}), read into instance fields.
 */
public class GauntletSimulation extends Simulation {

    /** What one run's simulation is built from; Gatling instantiates the class, so it is handed over here. */
    public record Params(LoadConfig load, String baseUrl, Duration warmup, Path requestsFile, long seed) {
        private static volatile Params current;

        public static Params current() {
            return current;
        }

        static void use(Params params) {
            current = params;
        }
    }

    private final Params params = Params.current();
    private final LoadConfig load = params.load();
    private final Duration warmup = params.warmup();
    private final JsonlWriter records = new JsonlWriter(params.requestsFile(), 256);
    private final GatlingErrors errors = GatlingErrors.install();
    private final boolean close = load.connections() == ConnectionMode.PER_REQUEST || !load.keepAlive();

    // 1. protocol. per_user (default): no connection sharing, every virtual user opens its own connection like a
    //    real independent client would, so keep-alive reuse cannot hide connection failures; shared: one pool.
    private final HttpProtocolBuilder protocol = protocol();

    public GauntletSimulation() {
        LoadSignal.current().attach(records);
        // 2. scenarios, one per stream, and their warm-ups: the same requests, unrecorded, so the baseline
        //    measures the gateway and not the JIT compilers of the gateway, the backends and Gatling's own client.
        // 3. assertions: none here; Gauntlet scores the run from its own records.
        // 4. setUp
        List<PopulationBuilder> populations = new ArrayList<>();
        for (LoadStream stream : load.streams()) {
            ChainBuilder send = RequestChains.of(stream, load.requestTimeout(), close, params.seed());
            ScenarioBuilder measured = scenario(stream.name())
                    .exec(session -> session.set("t0", Micros.nowUs()).set("rid", AnswerLabels.nextId()))
                    .exec(send)
                    .exec(session -> record(session, stream.name()));
            ScenarioBuilder warm = scenario("warm-up " + stream.name())
                    .exec(session -> session.set("rid", AnswerLabels.nextId()))
                    .exec(send)
                    .exec(this::forget);
            if (load.model() == LoadModel.CLOSED) {
                if (!load.think().isZero()) {
                    measured = measured.exec(pause(load.think()));
                    warm = warm.exec(pause(load.think()));
                }
                populations.add(measured.injectClosed(Injection.closed(stream, warmup)));
                if (!warmup.isZero()) {
                    populations.add(warm.injectClosed(constantConcurrentUsers(Injection.warmUsers(stream)).during(warmup)));
                }
            } else {
                populations.add(measured.injectOpen(Injection.open(stream, warmup)));
                if (!warmup.isZero()) {
                    populations.add(warm.injectOpen(constantUsersPerSec(Injection.warmRate(stream)).during(warmup)));
                }
            }
        }
        setUp(populations).protocols(protocol);
    }

    private HttpProtocolBuilder protocol() {
        HttpProtocolBuilder p = http.baseUrl(params.baseUrl())
                .acceptHeader("*/*")
                .userAgentHeader("gauntlet")
                .disableWarmUp()
                .disableCaching();
        return load.connections() == ConnectionMode.SHARED ? p.shareConnections() : p;
    }

    @Override
    public void before() {
        // The measured load (and the fault schedule) starts when the warm-up ends.
        LoadSignal.current().fire(System.nanoTime() + warmup.toNanos(), Micros.nowUs() + warmup.toNanos() / 1000);
    }

    @Override
    public void after() {
        LoadSignal.current().ended(Micros.nowUs());
        records.close();
    }

    private Session record(Session session, String stream) {
        long end = Micros.nowUs();
        long start = session.contains("t0") ? session.getLong("t0") : end;
        int status = session.contains("status") ? session.getInt("status") : 0;
        // Gatling's own error (timeout, refused, reset ...), not a guess from the elapsed time; a failed status
        // check also leaves a message, taken here so none is left behind.
        ClientError clientError = errors.take(session.userId());
        String error = status == 0 ? clientError.id() : null;
        records.write(new RequestRecord(start, end, status,
                session.contains("backend") ? session.getString("backend") : null,
                AnswerLabels.take(session.contains("rid") ? session.getString("rid") : null), error,
                stream, RequestChains.requestOf(session)));
        LoadSignal.current().count(status >= 200 && status < 400);
        return session.remove("status").remove("backend");
    }

    /** A warm-up answer: its labels and error dropped so none is left behind. */
    private Session forget(Session session) {
        errors.take(session.userId());
        AnswerLabels.take(session.contains("rid") ? session.getString("rid") : null);
        return session;
    }
}
