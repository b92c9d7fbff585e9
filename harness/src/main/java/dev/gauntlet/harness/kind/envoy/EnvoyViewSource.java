package dev.gauntlet.harness.kind.envoy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.harness.fault.Micros;
import dev.gauntlet.harness.kind.ViewSink;
import dev.gauntlet.harness.kind.ViewSource;
import dev.gauntlet.harness.runtime.Gateway;
import dev.gauntlet.harness.runtime.PartStartException;
import dev.gauntlet.report.run.ViewEvent;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Envoy's view: a snapshot from {@code GET /clusters?format=json} on the admin port, then every transition
 * from the health-check event sink and the outlier event log, tailed as they grow. Each transition keeps the
 * stamp Envoy wrote in the line (milliseconds, its system clock when the host changed), so the tail's polling
 * delay does not enter the figures; Envoy flushes these files every {@code --file-flush-interval-msec}, which
 * only delays when the harness sees a transition, not its stamp.
 *
 * <pre>{@code
 * try (EnvoyViewSource view = EnvoyViewSource.start(gateway, launch, sink, events)) {
 *     view.awaitAllUsable(3, Duration.ofSeconds(20));
 * }
 * }</pre>
 */
final class EnvoyViewSource implements ViewSource {

    /** Envoy's event stamps are whole milliseconds, truncated. */
    static final long RESOLUTION_US = 1_000;
    private static final Duration POLL = Duration.ofMillis(20);
    /**
     * How long a line waits for lines of the other log with earlier stamps before it is applied: Envoy flushes
     * each file every {@code --file-flush-interval-msec} (50 ms), so two files can hand over out of order.
     */
    static final long REORDER_US = 300_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Gateway gateway;
    private final ViewSink sink;
    private final EnvoyEvents events;
    private final Consumer<EnvoyEvents.Transition> onTransition;
    private final Map<String, Boolean> usable = new ConcurrentHashMap<>();
    private final List<Tail> tails = new ArrayList<>();
    private final Thread reader;
    private volatile boolean closed;
    private volatile long snapshotUs;

    private EnvoyViewSource(Gateway gateway, ViewSink sink, EnvoyEvents events, List<Path> logs,
                            Consumer<EnvoyEvents.Transition> onTransition) {
        this.gateway = gateway;
        this.sink = sink;
        this.events = events;
        this.onTransition = onTransition;
        logs.forEach(p -> tails.add(new Tail(p)));
        this.reader = new Thread(this::run, "envoy-view");
        reader.setDaemon(true);
    }

    /**
     * Takes the snapshot and starts tailing {@code logs}; every transition goes to {@code sink} and to
     * {@code onTransition} (which sees its mechanism and detail).
     */
    static EnvoyViewSource start(Gateway gateway, ViewSink sink, EnvoyEvents events, List<Path> logs,
                                 Consumer<EnvoyEvents.Transition> onTransition) {
        EnvoyViewSource view = new EnvoyViewSource(gateway, sink, events, logs, onTransition);
        view.snapshot();
        view.reader.start();
        return view;
    }

    private void snapshot() {
        snapshotUs = Micros.nowUs(); // taken before asking: a transition after it is read from the logs
        JsonNode clusters;
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(gateway.adminUrl() + "/clusters?format=json")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            clusters = JSON.readTree(r.body());
        } catch (IOException e) {
            throw new PartStartException("envoy: cannot read " + gateway.adminUrl() + "/clusters?format=json: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PartStartException("envoy: interrupted while reading its clusters");
        }
        for (Map.Entry<String, List<String>> host : hostFlags(clusters, events).entrySet()) {
            String[] clusterAndEndpoint = host.getKey().split("\t", 2);
            events.seed(clusterAndEndpoint[1], host.getValue());
            boolean ok = host.getValue().isEmpty();
            usable.put(clusterAndEndpoint[1], ok);
            sink.accept(new ViewEvent(snapshotUs, clusterAndEndpoint[0], clusterAndEndpoint[1],
                    ok ? "healthy" : host.getValue().contains(EnvoyEvents.FAILED_ACTIVE_HC) ? "unhealthy" : "ejected",
                    ok, host.getValue(), "snapshot"));
        }
    }

    /** {@code cluster \t endpoint id} → Envoy's unusable flags for that host, from {@code /clusters?format=json}. */
    static Map<String, List<String>> hostFlags(JsonNode clusters, EnvoyEvents events) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (JsonNode c : clusters.path("cluster_statuses")) {
            for (JsonNode h : c.path("host_statuses")) {
                JsonNode sa = h.path("address").path("socket_address");
                String id = events.endpointId(sa.path("address").asText() + ":" + sa.path("port_value").asInt());
                JsonNode hs = h.path("health_status");
                List<String> flags = new ArrayList<>();
                if (hs.path("failed_active_health_check").asBoolean()) {
                    flags.add(EnvoyEvents.FAILED_ACTIVE_HC);
                }
                if (hs.path("failed_outlier_check").asBoolean()) {
                    flags.add(EnvoyEvents.FAILED_OUTLIER);
                }
                out.put(c.path("name").asText() + "\t" + id, flags);
            }
        }
        return out;
    }

    private void run() {
        boolean gapWritten = false;
        List<EnvoyEvents.Change> pending = new ArrayList<>();
        while (!closed) {
            boolean alive = gateway.isAlive(); // asked before reading: lines written before it died are read below
            read(pending);
            if (!gapWritten && !alive) {
                drain(pending, Long.MAX_VALUE); // nothing more will be written
                gapWritten = true;
                sink.gap(Micros.nowUs(), "envoy exited");
            }
            drain(pending, Micros.nowUs() - REORDER_US);
            try {
                Thread.sleep(POLL.toMillis()); // production polling of a growing file, not test synchronisation
            } catch (InterruptedException e) {
                break;
            }
        }
        read(pending);
        drain(pending, Long.MAX_VALUE);
    }

    private void read(List<EnvoyEvents.Change> pending) {
        for (Tail t : tails) {
            for (String line : t.newLines()) {
                events.parse(line).filter(c -> c.tUs() >= snapshotUs).ifPresent(pending::add);
            }
        }
    }

    /** Applies, in stamp order, the pending changes stamped before {@code untilUs}. */
    private void drain(List<EnvoyEvents.Change> pending, long untilUs) {
        pending.sort(java.util.Comparator.comparingLong(EnvoyEvents.Change::tUs));
        while (!pending.isEmpty() && pending.get(0).tUs() <= untilUs) {
            EnvoyEvents.Transition tr = events.apply(pending.remove(0));
            usable.put(tr.event().endpoint(), tr.event().usable());
            sink.accept(tr.event());
            onTransition.accept(tr);
        }
    }

    @Override
    public long resolutionUs() {
        return RESOLUTION_US;
    }

    @Override
    public String describe() {
        return "envoy health-check event sink and outlier event log (ms stamps), snapshot from /clusters?format=json";
    }

    @Override
    public boolean awaitAllUsable(int endpoints, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (usable.size() >= endpoints && usable.values().stream().filter(Boolean::booleanValue).count() >= endpoints) {
                return true;
            }
            Thread.sleep(POLL.toMillis());
        }
        return false;
    }

    @Override
    public Map<String, Boolean> usable() {
        return Map.copyOf(usable);
    }

    @Override
    public void close() {
        closed = true;
        reader.interrupt();
        try {
            reader.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The complete lines appended to a file since the last call; a line still being written waits. */
    private static final class Tail {
        private final Path file;
        private long offset;
        private final StringBuilder partial = new StringBuilder();

        Tail(Path file) {
            this.file = file;
        }

        List<String> newLines() {
            List<String> out = new ArrayList<>();
            if (!file.toFile().exists()) {
                return out;
            }
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
                long length = f.length();
                if (length <= offset) {
                    return out;
                }
                f.seek(offset);
                byte[] bytes = new byte[(int) (length - offset)];
                f.readFully(bytes);
                offset = length;
                partial.append(new String(bytes, StandardCharsets.UTF_8));
                int nl;
                while ((nl = partial.indexOf("\n")) >= 0) {
                    out.add(partial.substring(0, nl));
                    partial.delete(0, nl + 1);
                }
            } catch (IOException e) {
                // read again on the next poll
            }
            return out;
        }
    }
}
