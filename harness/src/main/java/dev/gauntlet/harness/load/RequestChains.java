package dev.gauntlet.harness.load;

import static io.gatling.javaapi.core.CoreDsl.RawFileBody;
import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.csv;
import static io.gatling.javaapi.core.CoreDsl.doSwitch;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.jsonFile;
import static io.gatling.javaapi.core.CoreDsl.onCase;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.gauntlet.harness.scenario.LoadStream;
import dev.gauntlet.harness.scenario.RequestSpec;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.FeederBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A stream's request mix as one Gatling chain: each arrival draws its request by weight (from a seeded generator,
 * so a seed gives the same sequence of draws), then Gatling's {@code doSwitch} sends it, after taking the next
 * record of the request's feeder ({@code csv(file).circular()}, {@code jsonFile(file).random()} ...). The drawn
 * name is left in the session under {@link #REQUEST}; every answer is labelled by the gateway kind and its status
 * checked against the request's expected statuses.
 *
 * <pre>{@code
 * ChainBuilder send = RequestChains.of(stream, Duration.ofSeconds(10), false, 42);
 * }</pre>
 */
final class RequestChains {

    static final String REQUEST = "gauntletRequest"; // no dot: in Gatling EL a dot reads a field

    private RequestChains() {
    }

    static ChainBuilder of(LoadStream stream, Duration timeout, boolean close, long seed) {
        List<RequestSpec> mix = stream.requests();
        if (mix.size() == 1) {
            RequestSpec only = mix.get(0);
            return exec(session -> session.set(REQUEST, only.name())).exec(chain(only, timeout, close));
        }
        double[] cumulative = new double[mix.size()];
        double total = stream.totalWeight();
        double sum = 0;
        for (int i = 0; i < mix.size(); i++) {
            sum += mix.get(i).weight() / total;
            cumulative[i] = sum;
        }
        SplittableRandom random = new SplittableRandom(seed ^ stream.name().hashCode());
        List<io.gatling.javaapi.core.Choice.WithKey> cases = new ArrayList<>();
        for (RequestSpec r : mix) {
            cases.add(onCase(r.name()).then(chain(r, timeout, close)));
        }
        return exec(session -> session.set(REQUEST, mix.get(pick(cumulative, draw(random))).name()))
                .exec(doSwitch("#{" + REQUEST + "}").on(cases));
    }

    private static synchronized double draw(SplittableRandom random) {
        return random.nextDouble();
    }

    static int pick(double[] cumulative, double u) {
        for (int i = 0; i < cumulative.length; i++) {
            if (u < cumulative[i]) {
                return i;
            }
        }
        return cumulative.length - 1;
    }

    private static ChainBuilder chain(RequestSpec r, Duration timeout, boolean close) {
        HttpRequestActionBuilder h = http(r.name()).httpRequest(r.method(), r.path())
                .header(AnswerLabels.REQUEST_ID, "#{rid}")
                .requestTimeout(timeout)
                .transformResponse(AnswerLabels::label) // the gateway kind's labels, from its whole answer
                .check(status().saveAs("status"),
                        header("x-backend-id").optional().saveAs("backend"),
                        status().in(r.okStatuses()));
        if (close) {
            h = h.header("connection", "close");
        }
        for (var e : r.headers().entrySet()) {
            h = h.header(e.getKey(), e.getValue());
        }
        for (var e : r.query().entrySet()) {
            h = h.queryParam(e.getKey(), e.getValue());
        }
        if (r.body() != null) {
            h = h.body(StringBody(r.body()));
        } else if (r.bodyFile() != null) {
            h = h.body(RawFileBody(r.bodyFile().toAbsolutePath().toString()));
        }
        return r.feeder() == null ? exec(h) : feed(feeder(r.feeder())).exec(h);
    }

    private static FeederBuilder<?> feeder(RequestSpec.Feeder f) {
        String file = f.file().toAbsolutePath().toString();
        FeederBuilder.FileBased<?> b = f.format() == RequestSpec.FeederFormat.CSV ? csv(file) : jsonFile(file);
        return switch (f.strategy()) {
            case CIRCULAR -> b.circular();
            case RANDOM -> b.random();
        };
    }

    /** The drawn request's name, or null (a warm-up or a session that never drew). */
    static String requestOf(Session session) {
        return session.contains(REQUEST) ? session.getString(REQUEST) : null;
    }
}
