package dev.gauntlet.harness.scenario;

import java.time.Duration;
import java.util.List;

/**
 * The client load: one or more named streams, each an injection profile and a request mix, in the open model by
 * default (arrivals on a schedule, independent of answers, so a slow gateway cannot slow the load down and hide
 * its own latency: coordinated omission) or the closed model (concurrent users with think time).
 *
 * <pre>{@code
 * LoadConfig old = new LoadConfig("open", 200, Duration.ofSeconds(60), "/", Duration.ofSeconds(10));
 * old.streams().get(0).name(); // "main", one constant step of 200/s, one GET /
 * old.duration();              // 60 s: the longest stream
 * }</pre>
 *
 * @param requestTimeout a request with no answer after this long counts as a client timeout
 * @param think          closed model: each user's pause after its answer, before it ends (Gatling's {@code pause})
 */
public record LoadConfig(LoadModel model, List<LoadStream> streams, Duration requestTimeout,
                         ConnectionMode connections, boolean keepAlive, Duration think) {

    public static final ConnectionMode DEFAULT_CONNECTIONS = ConnectionMode.PER_USER;

    public LoadConfig {
        streams = List.copyOf(streams);
    }

    /** The old form: one open stream {@code main} of one constant rate to one path. */
    public LoadConfig(String model, double ratePerSec, Duration duration, String path, Duration requestTimeout) {
        this(LoadModel.byWord(model), List.of(new LoadStream(LoadStream.DEFAULT_NAME,
                        List.of(new LoadStep.Constant(ratePerSec, duration)), List.of(RequestSpec.get(path)))),
                requestTimeout, DEFAULT_CONNECTIONS, true, Duration.ZERO);
    }

    /** The measured load's length: the longest stream's profile. */
    public Duration duration() {
        return streams.stream().map(LoadStream::duration).max(Duration::compareTo).orElse(Duration.ZERO);
    }

    /**
     * The mean offered arrival rate over the load, all streams together: the rate the detection models are given
     * (exact for the old single rate). A closed model offers no rate: 0, which the models read as unknown.
     */
    public double ratePerSec() {
        if (model == LoadModel.CLOSED) {
            return 0;
        }
        double seconds = duration().toNanos() / 1e9;
        return seconds <= 0 ? 0 : streams.stream().mapToDouble(LoadStream::offeredArrivals).sum() / seconds;
    }

    /** The first stream's first request's path (the old {@code load.path}), for lines that show one. */
    public String path() {
        return streams.get(0).requests().get(0).path();
    }

    /** One line for the console: {@code 200.0 req/s for 60 s}, or the model, streams and length of a profile. */
    public String describe() {
        long seconds = duration().toSeconds();
        if (singleRate() && model == LoadModel.OPEN) {
            return ((LoadStep.Constant) streams.get(0).steps().get(0)).rate() + " req/s for " + seconds + " s";
        }
        String what = model == LoadModel.CLOSED ? "closed model (concurrent users)"
                : String.format(java.util.Locale.ROOT, "open model, %.1f req/s mean", ratePerSec());
        return what + ", " + streams.size() + (streams.size() == 1 ? " stream" : " streams") + ", " + seconds + " s";
    }

    /** True when this is the old form: one stream, one constant step, one GET. */
    public boolean singleRate() {
        LoadStream s = streams.get(0);
        return streams.size() == 1 && s.steps().size() == 1 && s.steps().get(0) instanceof LoadStep.Constant
                && s.requests().size() == 1;
    }
}
