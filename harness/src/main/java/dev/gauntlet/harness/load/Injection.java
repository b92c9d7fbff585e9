package dev.gauntlet.harness.load;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.incrementUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.rampConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.stressPeakUsers;

import dev.gauntlet.harness.scenario.LoadStep;
import dev.gauntlet.harness.scenario.LoadStream;
import io.gatling.javaapi.core.ClosedInjectionStep;
import io.gatling.javaapi.core.OpenInjectionStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A stream's profile as Gatling 3.15's own injection steps, one for one: the open model's
 * {@code constantUsersPerSec}, {@code rampUsersPerSec}, {@code stressPeakUsers}, {@code incrementUsersPerSec}
 * staircase and {@code nothingFor}; the closed model's {@code constantConcurrentUsers} and
 * {@code rampConcurrentUsers}. The measured profile is preceded by the warm-up's length of nothing, so it starts
 * when the warm-up ends.
 *
 * <pre>{@code
 * List<OpenInjectionStep> open = Injection.open(stream, Duration.ofSeconds(2));
 * }</pre>
 */
final class Injection {

    private Injection() {
    }

    static List<OpenInjectionStep> open(LoadStream stream, Duration warmup) {
        List<OpenInjectionStep> out = new ArrayList<>();
        if (!warmup.isZero()) {
            out.add(nothingFor(warmup));
        }
        for (LoadStep step : stream.steps()) {
            out.add(open(step));
        }
        return out;
    }

    static OpenInjectionStep open(LoadStep step) {
        if (step instanceof LoadStep.Constant c) {
            return constantUsersPerSec(c.rate()).during(c.duration());
        }
        if (step instanceof LoadStep.Ramp r) {
            return rampUsersPerSec(r.from()).to(r.to()).during(r.duration());
        }
        if (step instanceof LoadStep.Spike p) {
            return stressPeakUsers(p.users()).during(p.duration());
        }
        if (step instanceof LoadStep.Staircase s) {
            return incrementUsersPerSec(s.increment()).times(s.levels()).eachLevelLasting(s.each())
                    .separatedByRampsLasting(s.ramp()).startingFrom(s.from());
        }
        if (step instanceof LoadStep.Pause p) {
            return nothingFor(p.duration());
        }
        throw new IllegalArgumentException("not an open-model step: " + step);
    }

    /** The closed profile, after {@code warmup} of zero concurrent users. */
    static List<ClosedInjectionStep> closed(LoadStream stream, Duration warmup) {
        List<ClosedInjectionStep> out = new ArrayList<>();
        if (!warmup.isZero()) {
            out.add(constantConcurrentUsers(0).during(warmup));
        }
        for (LoadStep step : stream.steps()) {
            if (step instanceof LoadStep.Users u) {
                out.add(constantConcurrentUsers(u.users()).during(u.duration()));
            } else if (step instanceof LoadStep.RampUsers r) {
                out.add(rampConcurrentUsers(r.from()).to(r.to()).during(r.duration()));
            } else {
                throw new IllegalArgumentException("not a closed-model step: " + step);
            }
        }
        return out;
    }

    /** The warm-up's open rate: the profile's first asked rate, at least 1/s, so every part sees traffic. */
    static double warmRate(LoadStream stream) {
        for (LoadStep step : stream.steps()) {
            double seconds = step.duration().toNanos() / 1e9;
            if (step.arrivals() > 0 && seconds > 0) {
                double first = step instanceof LoadStep.Constant c ? c.rate()
                        : step instanceof LoadStep.Ramp r ? Math.max(r.from(), 1)
                        : step.arrivals() / seconds;
                return Math.max(1, first);
            }
        }
        return 1;
    }

    /** The warm-up's concurrency in the closed model: the profile's first users. */
    static int warmUsers(LoadStream stream) {
        LoadStep first = stream.steps().get(0);
        int users = first instanceof LoadStep.Users u ? u.users() : first instanceof LoadStep.RampUsers r ? r.from() : 1;
        return Math.max(1, users);
    }
}
