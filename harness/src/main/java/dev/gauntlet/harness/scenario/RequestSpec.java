package dev.gauntlet.harness.scenario;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One request of a load stream's mix: sent with a share {@code weight / total weight} of the stream's arrivals
 * (Gatling's {@code randomSwitch}), its answer judged against {@code expectStatuses}. Paths, header and query values
 * and the body may use Gatling's {@code #{column}} from the feeder, so ids come from the user's CSV or JSON file.
 *
 * <pre>{@code
 * RequestSpec get = RequestSpec.get("/");  // the old single path: GET, weight 1, statuses 2xx/3xx
 * RequestSpec checkout = new RequestSpec("checkout", 3, "POST", "/cart/#{id}/checkout", Map.of("content-type",
 *         "application/json"), Map.of(), "{\"qty\":1}", null, List.of(200, 201),
 *         new RequestSpec.Feeder(Path.of("ids.csv"), RequestSpec.FeederFormat.CSV, RequestSpec.FeederStrategy.CIRCULAR));
 * }</pre>
 *
 * @param bodyFile a file sent as the body (resolved against the scenario file's folder), or null
 * @param expectStatuses the answers that count as this request's success; empty means 2xx and 3xx
 */
public record RequestSpec(String name, double weight, String method, String path, Map<String, String> headers,
                          Map<String, String> query, String body, Path bodyFile, List<Integer> expectStatuses,
                          Feeder feeder) {

    /** The name a single-path stream's request carries in the records. */
    public static final String DEFAULT_NAME = "request";
    /** What counts as success when no statuses are listed: the old load's check. */
    public static final List<Integer> DEFAULT_STATUSES = List.of(200, 201, 202, 204, 301, 302, 304);

    /** Gatling's two file feeders we take. */
    public enum FeederFormat { CSV, JSON }

    /** Gatling's feeder strategies that never run out ({@code queue} and {@code shuffle} end the run when the file
     *  is used up). */
    public enum FeederStrategy { CIRCULAR, RANDOM }

    /** A file feeder: each request takes the next record and its columns fill {@code #{column}}. */
    public record Feeder(Path file, FeederFormat format, FeederStrategy strategy) {
    }

    public RequestSpec {
        headers = Map.copyOf(headers);
        query = Map.copyOf(query);
        expectStatuses = List.copyOf(expectStatuses);
    }

    /** A plain GET of {@code path}, the old {@code load.path}. */
    public static RequestSpec get(String path) {
        return new RequestSpec(DEFAULT_NAME, 1, "GET", path, Map.of(), Map.of(), null, null, List.of(), null);
    }

    /** The statuses that count as success. */
    public List<Integer> okStatuses() {
        return expectStatuses.isEmpty() ? DEFAULT_STATUSES : expectStatuses;
    }
}
