package dev.gauntlet.harness.load;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.gauntlet.harness.fault.Micros;
import dev.gauntlet.report.run.ClientError;
import dev.gauntlet.report.run.JsonlWriter;
import dev.gauntlet.report.run.RequestRecord;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The load of a Gauntlet run, in the Gatling demo's four parts: protocol, scenario, assertions
 * (none: the gate is Gauntlet's own scoring, from our per-request records), setUp.
 *
 * <p>Each virtual user sends one request (an open model: arrivals do not wait for answers), and the
 * outcome is appended to {@code requests.jsonl}: start, end, status, {@code x-backend-id}, the gateway
 * kind's labels of the answer ({@link AnswerLabels}; each request sends a unique {@code x-request-id}), and for
 * a request with no answer Gatling's own error as a {@link ClientError} word ({@link GatlingErrors}). Stamps
 * are the run's time base, CLOCK_MONOTONIC µs. Parameters come from system properties read into instance fields
 * (static fields would keep the first run's values).
 */
public class GauntletSimulation extends Simulation {

    static final String PREFIX = "gauntlet.load.";

    private final String baseUrl = System.getProperty(PREFIX + "baseUrl");
    private final String path = System.getProperty(PREFIX + "path", "/");
    private final double rate = Double.parseDouble(System.getProperty(PREFIX + "rate"));
    private final Duration duration = Duration.ofMillis(Long.parseLong(System.getProperty(PREFIX + "durationMs")));
    private final long timeoutMs = Long.parseLong(System.getProperty(PREFIX + "timeoutMs", "10000"));
    private final Duration warmup = Duration.ofMillis(Long.parseLong(System.getProperty(PREFIX + "warmupMs", "0")));
    private final JsonlWriter records = new JsonlWriter(Path.of(System.getProperty(PREFIX + "requestsFile")), 256);
    private final GatlingErrors errors = GatlingErrors.install();

    // 1. protocol: no connection sharing, so every virtual user opens its own connection like a
    //    real independent client would, and keep-alive reuse cannot hide connection failures.
    private final HttpProtocolBuilder protocol = http.baseUrl(baseUrl)
            .acceptHeader("*/*")
            .userAgentHeader("gauntlet")
            .disableWarmUp()
            .disableCaching();

    // 2. scenarios. Warm-up: the same requests, unrecorded, so the baseline measures the gateway
    //    and not the JIT compilers of the gateway, the backends and Gatling's own client.
    private final ScenarioBuilder warm = scenario("warm-up")
            .exec(http("warm-up").get(path).requestTimeout(Duration.ofMillis(timeoutMs)).check(status().saveAs("status")));

    // The measured load: stamp, request, record.
    private final ScenarioBuilder load = scenario("gauntlet")
            .exec(session -> session.set("t0", nowUs()).set("rid", AnswerLabels.nextId()))
            .exec(http("request").get(path)
                    .header(AnswerLabels.REQUEST_ID, "#{rid}")
                    .requestTimeout(Duration.ofMillis(timeoutMs))
                    .transformResponse(AnswerLabels::label) // the gateway kind's labels, from its whole answer
                    .check(status().saveAs("status"),
                            header("x-backend-id").optional().saveAs("backend"),
                            status().in(200, 201, 202, 204, 301, 302, 304)))
            .exec(this::record);

    public GauntletSimulation() {
        LoadSignal.current().attach(records);
        // 3. assertions: none here; Gauntlet scores the run from its own records.
        // 4. setUp
        if (warmup.isZero()) {
            setUp(load.injectOpen(constantUsersPerSec(rate).during(duration))).protocols(protocol);
        } else {
            setUp(warm.injectOpen(constantUsersPerSec(rate).during(warmup)),
                    load.injectOpen(nothingFor(warmup), constantUsersPerSec(rate).during(duration))).protocols(protocol);
        }
    }

    @Override
    public void before() {
        // The measured load (and the fault schedule) starts when the warm-up ends.
        LoadSignal.current().fire(System.nanoTime() + warmup.toNanos(), nowUs() + warmup.toNanos() / 1000);
    }

    @Override
    public void after() {
        LoadSignal.current().ended(nowUs());
        records.close();
    }

    private Session record(Session session) {
        long end = nowUs();
        long start = session.contains("t0") ? session.getLong("t0") : end;
        int status = session.contains("status") ? session.getInt("status") : 0;
        // Gatling's own error (timeout, refused, reset ...), not a guess from the elapsed time; a failed status
        // check also leaves a message, taken here so none is left behind.
        ClientError clientError = errors.take(session.userId());
        String error = status == 0 ? clientError.id() : null;
        records.write(new RequestRecord(start, end, status,
                session.contains("backend") ? session.getString("backend") : null,
                AnswerLabels.take(session.contains("rid") ? session.getString("rid") : null), error));
        LoadSignal.current().count(status >= 200 && status < 400);
        return session;
    }

    /** The run's time base (CLOCK_MONOTONIC µs), the same as every other stamp of the run. */
    private static long nowUs() {
        return Micros.nowUs();
    }
}
