package dev.gauntlet.harness.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.harness.kind.ViewSink;
import dev.gauntlet.report.run.JsonlWriter;
import dev.gauntlet.report.run.ViewEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Records the gateway's view: subscribes to {@code /admin/events} (server-sent events) and writes
 * every snapshot and transition to {@code view.jsonl} with the timestamp the gateway gave it.
 * The observer never timestamps events itself: the moment a transition happened is the gateway's.
 * Endpoint names are mapped to the topology's ids: the gateway names an endpoint it found through DNS
 * by its {@code ip:port}, which is that replica's proxy address, so view and truth speak of {@code api-0}.
 *
 * <pre>{@code
 * try (ViewObserver view = ViewObserver.connect(adminUrl, runDir, topology::endpointIdFor)) {
 *     view.awaitAllUsable(3, Duration.ofSeconds(20));
 *     ...
 * }
 * }</pre>
 */
public final class ViewObserver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ViewSink out;
    private final UnaryOperator<String> endpointIds;
    private final Map<String, Boolean> usable = new ConcurrentHashMap<>();
    private final CountDownLatch connected = new CountDownLatch(1);
    private final Thread reader;
    private volatile InputStream stream;
    private volatile boolean closing;
    private Runnable closeOut = () -> { };

    private ViewObserver(ViewSink out, HttpClient http, URI events, UnaryOperator<String> endpointIds) {
        this.out = out;
        this.endpointIds = endpointIds;
        this.reader = new Thread(() -> read(http, events), "view-observer");
        this.reader.setDaemon(true);
    }

    /** Saves the gateway's effective config, then starts streaming its events. */
    public static ViewObserver connect(String adminUrl, Path runDir) {
        return connect(adminUrl, runDir, UnaryOperator.identity());
    }

    /**
     * As {@link #connect(String, Path)}, naming each endpoint {@code endpointIds.apply(gatewayName)} in
     * view.jsonl and in {@link #usable()}.
     */
    public static ViewObserver connect(String adminUrl, Path runDir, UnaryOperator<String> endpointIds) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        saveConfig(http, adminUrl, runDir.resolve(dev.gauntlet.report.run.RunDirectory.GATEWAY_CONFIG));
        JsonlWriter file = new JsonlWriter(runDir.resolve("view.jsonl"), 1);
        ViewSink sink = new ViewSink() {
            @Override
            public void accept(ViewEvent event) {
                file.write(event);
            }

            @Override
            public void gap(long fromUs, String why) {
                // this form predates gaps; the builtin kind streams into a JsonlViewSink, which writes them
            }
        };
        ViewObserver observer = stream(adminUrl, sink, endpointIds);
        observer.closeOut = file::close;
        return observer;
    }

    /**
     * Streams the gateway's events into {@code sink} (the builtin gateway kind's view); saves nothing else.
     * Closing the observer does not close the sink: its owner does.
     */
    public static ViewObserver stream(String adminUrl, ViewSink sink, UnaryOperator<String> endpointIds) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        ViewObserver observer = new ViewObserver(sink, http, URI.create(adminUrl + "/admin/events"), endpointIds);
        observer.reader.start();
        return observer;
    }

    private static void saveConfig(HttpClient http, String adminUrl, Path file) {
        try {
            HttpResponse<String> config = http.send(HttpRequest.newBuilder(URI.create(adminUrl + "/admin/config"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (config.statusCode() == 200) {
                Files.writeString(file, JSON.writerWithDefaultPrettyPrinter()
                        .writeValueAsString(JSON.readTree(config.body())));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the gateway's /admin/config: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Saves the gateway's Prometheus metrics (upstream attempts, ejections, ...) into the run
     * directory; called before the gateway stops, so scoring can compute retry amplification
     * from the saved file alone. A gateway without /metrics leaves no file, and those metrics unknown.
     */
    public static void saveMetrics(String adminUrl, Path file) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(adminUrl + "/metrics"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (metrics.statusCode() == 200) {
                Files.writeString(file, metrics.body());
            }
        } catch (IOException e) {
            System.err.println("view observer: cannot read the gateway's /metrics: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void read(HttpClient http, URI events) {
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(events)
                    .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
            stream = response.body();
            connected.countDown();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                String event = "message";
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("event:")) {
                        event = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        accept(event, JSON.readTree(line.substring(5).trim()));
                    } else if (line.isEmpty()) {
                        event = "message";
                    }
                }
            }
        } catch (IOException e) {
            if (!closing) {
                System.err.println("view observer: event stream ended: " + e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            connected.countDown();
        }
    }

    private void accept(String eventType, JsonNode e) {
        List<String> flags = new ArrayList<>();
        e.path("flags").forEach(f -> flags.add(f.asText()));
        String reason = e.path("reason").asText("");
        if (reason.isEmpty() && eventType.equals("snapshot")) {
            reason = "snapshot";
        }
        ViewEvent event = new ViewEvent(e.path("t_us").asLong(), e.path("cluster").asText(),
                endpointIds.apply(e.path("endpoint").asText()), e.path("to").asText(e.path("state").asText()),
                e.path("usable").asBoolean(), flags, reason);
        usable.put(event.endpoint(), event.usable());
        out.accept(event);
    }

    /** Blocks until the view holds {@code endpoints} endpoints, all usable (the baseline is healthy). */
    public boolean awaitAllUsable(int endpoints, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (!connected.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return false;
        }
        while (System.nanoTime() < deadline) {
            if (usable.size() >= endpoints && usable.values().stream().allMatch(Boolean::booleanValue)) {
                return true;
            }
            Thread.sleep(20); // polling a live process's state in production code, not a test
        }
        return false;
    }

    public Map<String, Boolean> usable() {
        return Map.copyOf(usable);
    }

    @Override
    public void close() {
        closing = true;
        InputStream s = stream;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing a stream we are abandoning
            }
        }
        reader.interrupt();
        closeOut.run();
    }
}
