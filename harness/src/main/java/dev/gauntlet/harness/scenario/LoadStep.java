package dev.gauntlet.harness.scenario;

import java.time.Duration;

/**
 * One step of a load stream's injection profile, each Gatling 3.15's own injection step:
 *
 * <pre>{@code
 * new LoadStep.Constant(200, Duration.ofSeconds(10));            // constantUsersPerSec(200).during(10s)
 * new LoadStep.Ramp(200, 1000, Duration.ofSeconds(1));           // rampUsersPerSec(200).to(1000).during(1s)
 * new LoadStep.Spike(1000, Duration.ofSeconds(2));               // stressPeakUsers(1000).during(2s)
 * new LoadStep.Staircase(4, 100, Duration.ofSeconds(5), Duration.ofSeconds(1), 100);
 *     // incrementUsersPerSec(100).times(4).eachLevelLasting(5s).separatedByRampsLasting(1s).startingFrom(100)
 * new LoadStep.Pause(Duration.ofSeconds(2));                     // nothingFor(2s)
 * new LoadStep.Users(20, Duration.ofSeconds(10));                // constantConcurrentUsers(20).during(10s)
 * new LoadStep.RampUsers(5, 50, Duration.ofSeconds(10));         // rampConcurrentUsers(5).to(50).during(10s)
 * }</pre>
 * The first five are open-model steps, the last two closed-model steps; a stream holds steps of one model.
 */
public sealed interface LoadStep {

    /** How long the step lasts. */
    Duration duration();

    /** The arrivals the step asks for; 0 for closed steps, whose arrivals follow the answers. */
    double arrivals();

    /** True for the closed model's steps (concurrent users), false for arrival-rate steps. */
    default boolean closed() {
        return false;
    }

    /** {@code rate} arrivals per second for {@code duration}. */
    record Constant(double rate, Duration duration) implements LoadStep {
        @Override
        public double arrivals() {
            return rate * seconds(duration);
        }
    }

    /** Arrival rate moving linearly from {@code from} to {@code to} over {@code duration}. */
    record Ramp(double from, double to, Duration duration) implements LoadStep {
        @Override
        public double arrivals() {
            return (from + to) / 2 * seconds(duration);
        }
    }

    /** {@code users} arrivals over {@code duration} on Gatling's smoothed step function (stressPeakUsers). */
    record Spike(int users, Duration duration) implements LoadStep {
        @Override
        public double arrivals() {
            return users;
        }
    }

    /**
     * Gatling's staircase, {@code incrementUsersPerSec(increment).times(levels).eachLevelLasting(each)
     * .separatedByRampsLasting(ramp).startingFrom(from)}, with Gatling's own shapes ({@link #parts()}).
     */
    record Staircase(int levels, double increment, Duration each, Duration ramp, double from) implements LoadStep {

        /**
         * The constant levels and ramps Gatling 3.15 makes of it (StairsUsersPerSecCompositeStep): with ramps and
         * {@code from} 0, (ramp, level) n times, the levels at increment × 1..n; with ramps and {@code from} > 0,
         * level, ramp, ..., level, the levels at from + increment × 0..n-1; with no ramp only those levels.
         */
        public java.util.List<LoadStep> parts() {
            java.util.List<LoadStep> out = new java.util.ArrayList<>();
            for (int i = 0; i < levels; i++) {
                if (ramp.isZero()) {
                    out.add(new Constant(from + i * increment, each));
                } else if (from == 0) {
                    out.add(new Ramp(i * increment, (i + 1) * increment, ramp));
                    out.add(new Constant((i + 1) * increment, each));
                } else {
                    out.add(new Constant(from + i * increment, each));
                    if (i < levels - 1) {
                        out.add(new Ramp(from + i * increment, from + (i + 1) * increment, ramp));
                    }
                }
            }
            return out;
        }

        /** The highest level's rate. */
        public double top() {
            return (from == 0 && !ramp.isZero() ? levels : levels - 1) * increment + from;
        }

        @Override
        public double arrivals() {
            return parts().stream().mapToDouble(LoadStep::arrivals).sum();
        }

        @Override
        public Duration duration() {
            return parts().stream().map(LoadStep::duration).reduce(Duration.ZERO, Duration::plus);
        }
    }

    /** No arrivals for {@code duration}. */
    record Pause(Duration duration) implements LoadStep {
        @Override
        public double arrivals() {
            return 0;
        }
    }

    /** {@code users} concurrent users for {@code duration} (closed model). */
    record Users(int users, Duration duration) implements LoadStep {
        @Override
        public double arrivals() {
            return 0;
        }

        @Override
        public boolean closed() {
            return true;
        }
    }

    /** Concurrent users moving from {@code from} to {@code to} over {@code duration} (closed model). */
    record RampUsers(int from, int to, Duration duration) implements LoadStep {
        @Override
        public double arrivals() {
            return 0;
        }

        @Override
        public boolean closed() {
            return true;
        }
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
