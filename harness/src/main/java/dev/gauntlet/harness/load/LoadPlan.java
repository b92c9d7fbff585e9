package dev.gauntlet.harness.load;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gauntlet.harness.scenario.LoadConfig;
import dev.gauntlet.harness.scenario.LoadStep;
import dev.gauntlet.harness.scenario.LoadStream;
import dev.gauntlet.harness.scenario.RequestSpec;
import io.gatling.core.controller.inject.open.Erf$;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The load as asked, laid out in time: {@code load-plan.json} in the run directory, written before the load starts,
 * each stream's steps with their start and end in µs from the measured load's start (the fault schedule's zero),
 * the asked arrival rate at both ends (open model) or the concurrent users (closed model). A staircase is laid out
 * as the levels and ramps Gatling makes of it. What a run's arrivals are compared with.
 *
 * <pre>{@code
 * LoadPlan plan = LoadPlan.of(scenario.load());
 * plan.write(runDir);                                   // load-plan.json
 * double n = plan.expectedArrivals("main", 0, 1_000_000); // arrivals the first second should hold
 * }</pre>
 */
public record LoadPlan(String model, String connections, boolean keepAlive, long thinkMs, List<Stream> streams) {

    public static final String FILE = "load-plan.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .setSerializationInclusion(JsonInclude.Include.ALWAYS);

    /** A step's kind, as written in the plan. */
    public enum Kind {
        CONSTANT, RAMP, SPIKE, STEPS, PAUSE, USERS, RAMP_USERS;

        @com.fasterxml.jackson.annotation.JsonValue
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One laid-out step. {@code fromRate}/{@code toRate}: asked arrivals per second at its start and end (a spike's
     * mean rate, users over its length; null for closed steps); {@code users}: a spike's arrivals or the closed
     * model's highest concurrency; {@code step}: the index of the user's step it comes from.
     */
    public record Step(Kind kind, long startUs, long endUs, Double fromRate, Double toRate, Integer users,
                       Integer fromUsers, int step) {
    }

    /** One stream's steps and its request mix's shares. */
    public record Stream(String name, List<Step> steps, List<Share> requests) {
    }

    /** A request's share of its stream's arrivals: weight / total weight. */
    public record Share(String name, double weight, double share) {
    }

    public static LoadPlan of(LoadConfig load) {
        List<Stream> streams = new ArrayList<>();
        for (LoadStream s : load.streams()) {
            List<Step> steps = new ArrayList<>();
            long t = 0;
            for (int i = 0; i < s.steps().size(); i++) {
                LoadStep step = s.steps().get(i);
                List<LoadStep> parts = step instanceof LoadStep.Staircase stairs ? stairs.parts() : List.of(step);
                for (LoadStep part : parts) {
                    long end = t + part.duration().toNanos() / 1000;
                    steps.add(laid(part, step instanceof LoadStep.Staircase, t, end, i));
                    t = end;
                }
            }
            double total = s.totalWeight();
            streams.add(new Stream(s.name(), steps, s.requests().stream()
                    .map(r -> new Share(r.name(), r.weight(), r.weight() / total)).toList()));
        }
        return new LoadPlan(load.model().word(), load.connections().word(), load.keepAlive(), load.think().toMillis(),
                streams);
    }

    private static Step laid(LoadStep part, boolean inStairs, long start, long end, int index) {
        if (part instanceof LoadStep.Constant c) {
            return new Step(inStairs ? Kind.STEPS : Kind.CONSTANT, start, end, c.rate(), c.rate(), null, null, index);
        }
        if (part instanceof LoadStep.Ramp r) {
            return new Step(Kind.RAMP, start, end, r.from(), r.to(), null, null, index);
        }
        if (part instanceof LoadStep.Spike p) {
            double mean = p.users() / (p.duration().toNanos() / 1e9);
            return new Step(Kind.SPIKE, start, end, mean, mean, p.users(), null, index);
        }
        if (part instanceof LoadStep.Users u) {
            return new Step(Kind.USERS, start, end, null, null, u.users(), u.users(), index);
        }
        if (part instanceof LoadStep.RampUsers u) {
            return new Step(Kind.RAMP_USERS, start, end, null, null, Math.max(u.from(), u.to()), u.from(), index);
        }
        return new Step(Kind.PAUSE, start, end, 0.0, 0.0, null, null, index);
    }

    public void write(Path runDir) {
        try {
            Files.createDirectories(runDir);
            Files.writeString(runDir.resolve(FILE), JSON.writeValueAsString(this) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + FILE + ": " + e.getMessage(), e);
        }
    }

    /** The stream of that name, or null. */
    public Stream stream(String name) {
        return streams.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }

    /** The plan's length: its longest stream's end. */
    public long durationUs() {
        return streams.stream().flatMap(s -> s.steps().stream()).mapToLong(Step::endUs).max().orElse(0);
    }

    /**
     * The arrivals the stream's open profile asks for in {@code [fromUs, toUs)}: the rate line's integral, a spike's
     * arrivals at Gatling's own stressPeakUsers offsets (Heaviside inverse through Gatling's {@code Erf}). NaN when the
     * window touches a closed step, whose arrivals follow the answers.
     */
    public double expectedArrivals(String stream, long fromUs, long toUs) {
        double n = 0;
        for (Step s : stream(stream).steps()) {
            long a = Math.max(fromUs, s.startUs());
            long b = Math.min(toUs, s.endUs());
            if (b <= a) {
                continue;
            }
            n += switch (s.kind()) {
                case USERS, RAMP_USERS -> Double.NaN;
                case SPIKE -> spikeArrivals(s.users(), s.endUs() - s.startUs(), a - s.startUs(), b - s.startUs());
                default -> {
                    double len = s.endUs() - s.startUs();
                    double ra = s.fromRate() + (s.toRate() - s.fromRate()) * (a - s.startUs()) / len;
                    double rb = s.fromRate() + (s.toRate() - s.fromRate()) * (b - s.startUs()) / len;
                    yield (ra + rb) / 2 * (b - a) / 1e6;
                }
            };
        }
        return n;
    }

    /** Gatling's HeavisideOpenInjection: user u of N at k·(erfinv(2u/(N+2) − 1) + t0) ms. */
    static double spikeArrivals(int users, long lengthUs, long fromUs, long toUs) {
        double t0 = Math.abs(heavisideInv(1, users));
        double k = (lengthUs / 1000) / (t0 * 2);
        int n = 0;
        for (int u = 1; u <= users; u++) {
            long atUs = (long) (k * (heavisideInv(u, users) + t0)) * 1000;
            if (atUs >= fromUs && atUs < toUs) {
                n++;
            }
        }
        return n;
    }

    private static double heavisideInv(long u, int users) {
        return Erf$.MODULE$.erfinv(2 * ((double) u / (users + 2)) - 1);
    }

    /** A request's share of its stream, or NaN when it is not in the plan. */
    public double share(String stream, String request) {
        Stream s = stream(stream);
        return s == null ? Double.NaN : s.requests().stream().filter(r -> r.name().equals(request))
                .mapToDouble(Share::share).findFirst().orElse(Double.NaN);
    }

    static String requestName(RequestSpec r) {
        return r.name();
    }
}
