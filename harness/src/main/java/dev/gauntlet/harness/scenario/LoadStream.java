package dev.gauntlet.harness.scenario;

import java.time.Duration;
import java.util.List;

/**
 * One named load stream: an injection profile (steps run one after the other, from the load's start) and the
 * request mix its arrivals draw from. Streams of one scenario run side by side, each record carrying its name.
 *
 * <pre>{@code
 * LoadStream main = new LoadStream("main", List.of(new LoadStep.Constant(200, Duration.ofSeconds(60))),
 *         List.of(RequestSpec.get("/")));
 * main.duration(); // 60 s
 * }</pre>
 */
public record LoadStream(String name, List<LoadStep> steps, List<RequestSpec> requests) {

    /** The stream of a scenario written in the old single-rate form. */
    public static final String DEFAULT_NAME = "main";

    public LoadStream {
        steps = List.copyOf(steps);
        requests = List.copyOf(requests);
    }

    /** The profile's length: its steps' durations added up. */
    public Duration duration() {
        return steps.stream().map(LoadStep::duration).reduce(Duration.ZERO, Duration::plus);
    }

    /** The arrivals the open profile asks for (0 for closed steps, whose arrivals follow the answers). */
    public double offeredArrivals() {
        return steps.stream().mapToDouble(LoadStep::arrivals).sum();
    }

    /** The total of the mix's weights. */
    public double totalWeight() {
        return requests.stream().mapToDouble(RequestSpec::weight).sum();
    }
}
