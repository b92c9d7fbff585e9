package dev.gauntlet.harness.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.harness.fault.Micros;
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
import java.util.LinkedHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * Records the gateway's view: subscribes to {@code /admin/events} (server-sent events) and writes
 * every snapshot and transition to {@code view.jsonl} with the timestamp the gateway gave it.
 * The observer never timestamps events itself: the moment a transition happened is the gateway's.
 * Endpoint names are mapped to the topology's ids: the gateway names an endpoint it found through DNS
 * by its {@code ip:port}, which is that replica's proxy address, so view and truth speak of {@code api-0}.
 *
 * <p>A lost stream is not a quiet gateway. When the stream ends, fails, or carries nothing (not even the
 * gateway's one-second keep-alive) for {@link #STALL}, the observer tells the sink of the gap once
 * ({@link ViewSink#gap}, stamped when it noticed, in the run's time base) and reconnects with a bounded backoff; the gateway
 * answers a new subscriber with a fresh snapshot, which closes the gap. Whatever falls in a gap is unknown.
 *
 * <p>Every effective config the gateway ran with goes to {@code gateway-config-history.jsonl}: the one at
 * connect, every {@code PUT /admin/config} as the gateway announced it, and after a gap the config found on
 * reconnect when it differs (changed at some unknown moment within the gap).
 *
 * <pre>{@code
 * try (ViewObserver view = ViewObserver.connect(adminUrl, runDir, topology::endpointIdFor)) {
 *     view.awaitAllUsable(3, Duration.ofSeconds(20));
 *     ...
 * }
 * }</pre>
 */
public final class ViewObserver implements AutoCloseable {

    /** How long a stream may carry nothing before it counts as lost (the gateway sends a comment every second). */
    public static final Duration STALL = Duration.ofSeconds(3);
    /** The config history's file name in the run directory. */
    public static final String CONFIG_HISTORY = "gateway-config-history.jsonl";
    private static final long FIRST_BACKOFF_MS = 50;
    private static final long MAX_BACKOFF_MS = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ViewSink out;
    /** gateway-config-history.jsonl, or null when the caller keeps no history. */
    private final JsonlWriter history;
    private final UnaryOperator<String> endpointIds;
    private final LongSupplier nowUs;
    private final Map<String, Boolean> usable = new ConcurrentHashMap<>();
    private final CountDownLatch connected = new CountDownLatch(1);
    private final Thread reader;
    private final ScheduledExecutorService watchdog;
    private volatile InputStream stream;
    private volatile long lastLineNanos;
    private volatile boolean closing;
    private volatile boolean stalled;
    private volatile int connections;
    private JsonNode lastConfig;
    private Runnable closeOut = () -> { };

    private ViewObserver(ViewSink out, JsonlWriter history, HttpClient http, URI events,
                         UnaryOperator<String> endpointIds, LongSupplier nowUs) {
        this.out = out;
        this.history = history;
        this.endpointIds = endpointIds;
        this.nowUs = nowUs;
        this.reader = new Thread(() -> readUntilClosed(http, events), "view-observer");
        this.reader.setDaemon(true);
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "view-observer-watchdog");
            t.setDaemon(true);
            return t;
        });
    }

    /** Saves the gateway's effective config, then starts streaming its events. */
    public static ViewObserver connect(String adminUrl, Path runDir) {
        return connect(adminUrl, runDir, UnaryOperator.identity());
    }

    /**
     * As {@link #connect(String, Path)}, naming each endpoint {@code endpointIds.apply(gatewayName)} in
     * view.jsonl and in {@link #usable()}; gaps are stamped with {@link Micros#nowUs()}, the run's time base.
     */
    public static ViewObserver connect(String adminUrl, Path runDir, UnaryOperator<String> endpointIds) {
        return connect(adminUrl, runDir, endpointIds, Micros::nowUs);
    }

    /** As above, stamping gaps with {@code nowUs} (microseconds in the run's time base). */
    public static ViewObserver connect(String adminUrl, Path runDir, UnaryOperator<String> endpointIds, LongSupplier nowUs) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        saveConfig(http, adminUrl, runDir.resolve(dev.gauntlet.report.run.RunDirectory.GATEWAY_CONFIG));
        JsonlWriter file = new JsonlWriter(runDir.resolve("view.jsonl"), 1);
        java.util.Set<String> clusters = ConcurrentHashMap.newKeySet();
        ViewSink sink = new ViewSink() {
            @Override
            public void accept(ViewEvent event) {
                clusters.add(event.cluster());
                file.write(event);
            }

            @Override
            public void gap(long fromUs, String why) {
                // the agreed gap line for every cluster seen so far ("*" before any), as JsonlViewSink writes it
                for (String cluster : clusters.isEmpty() ? List.of("*") : List.copyOf(clusters)) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("t_us", fromUs);
                    line.put("cluster", cluster);
                    line.put("endpoint", "*");
                    line.put("state", "gap");
                    line.put("usable", false);
                    line.put("flags", List.of());
                    line.put("reason", "view_gap");
                    line.put("detail", why);
                    file.write(line);
                }
            }
        };
        ViewObserver observer = start(adminUrl, sink, runDir.resolve(CONFIG_HISTORY), endpointIds, nowUs);
        observer.closeOut = file::close;
        return observer;
    }

    /**
     * Streams the gateway's events into {@code sink} (the builtin gateway kind's view); saves nothing else.
     * Closing the observer does not close the sink: its owner does.
     */
    public static ViewObserver stream(String adminUrl, ViewSink sink, UnaryOperator<String> endpointIds) {
        return start(adminUrl, sink, null, endpointIds, Micros::nowUs);
    }

    /**
     * As {@link #stream(String, ViewSink, UnaryOperator)}, and every effective config the gateway announces
     * appended to {@code configHistory} ({@link #CONFIG_HISTORY} in the run directory).
     */
    public static ViewObserver stream(String adminUrl, ViewSink sink, UnaryOperator<String> endpointIds, Path configHistory) {
        return start(adminUrl, sink, configHistory, endpointIds, Micros::nowUs);
    }

    private static ViewObserver start(String adminUrl, ViewSink sink, Path configHistory,
                                      UnaryOperator<String> endpointIds, LongSupplier nowUs) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        ViewObserver observer = new ViewObserver(sink, configHistory == null ? null : new JsonlWriter(configHistory, 1),
                http, URI.create(adminUrl + "/admin/events"), endpointIds, nowUs);
        observer.reader.start();
        long period = STALL.toMillis() / 3;
        observer.watchdog.scheduleAtFixedRate(observer::cutIfStalled, period, period, TimeUnit.MILLISECONDS);
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

    /** Reads the stream; when it is lost, records the gap and reconnects, until {@link #close()}. */
    private void readUntilClosed(HttpClient http, URI events) {
        long backoffMs = FIRST_BACKOFF_MS;
        boolean gapOpen = false;
        String lastWhy = null;
        while (!closing) {
            String why;
            try {
                // The timeout covers the answer's headers only: a reconnect into a black hole must give up too.
                HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(events).timeout(STALL)
                        .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() != 200) {
                    response.body().close();
                    throw new IOException("GET " + events + " answered " + response.statusCode());
                }
                stream = response.body();
                lastLineNanos = System.nanoTime();
                if (connections++ > 0) {
                    usable.clear(); // the fresh snapshot says who is there now
                }
                backoffMs = FIRST_BACKOFF_MS;
                gapOpen = false;
                connected.countDown();
                why = readStream(stream);
            } catch (IOException e) {
                why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (closing) {
                return;
            }
            if (!gapOpen) {
                gap(why);
                gapOpen = true;
            }
            if (!why.equals(lastWhy)) {
                System.err.println("view observer: event stream lost (" + why + "); reconnecting");
                lastWhy = why;
            }
            try {
                Thread.sleep(backoffMs); // backoff between reconnects of a live process, not a test
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
        }
    }

    /** Reads events until the stream ends; returns why it ended. */
    private String readStream(InputStream in) throws IOException {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            String event = "message";
            while ((line = lines.readLine()) != null) {
                lastLineNanos = System.nanoTime();
                if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    accept(event, JSON.readTree(line.substring(5).trim()));
                } else if (line.isEmpty()) {
                    event = "message";
                }
            }
        }
        return "the event stream ended (end of file)";
    }

    /** Closes a stream that carried nothing for {@link #STALL}: a silent loss (dropped packets, a hung peer). */
    private void cutIfStalled() {
        InputStream s = stream;
        if (s != null && !closing && System.nanoTime() - lastLineNanos > STALL.toNanos()) {
            stream = null;
            stalled = true;
            try {
                s.close();
            } catch (IOException ignored) {
                // abandoning it either way
            }
        }
    }


    /** The loss, stamped now (when it was noticed), as the sink's gap line; the next snapshot ends it. */
    private void gap(String why) {
        if (closing) {
            return;
        }
        String detail = stalled ? "no data for " + STALL.toMillis() + " ms" : why;
        stalled = false;
        out.gap(nowUs.getAsLong(), detail);
    }

    private void accept(String eventType, JsonNode e) {
        if (eventType.equals("config")) {
            recordConfig(e);
            return;
        }
        List<String> flags = new ArrayList<>();
        e.path("flags").forEach(f -> flags.add(f.asText()));
        String reason = e.path("reason").asText("");
        if (reason.isEmpty() && eventType.equals("snapshot")) {
            reason = "snapshot";
        }
        ViewEvent event = new ViewEvent(e.path("t_us").asLong(), e.path("cluster").asText(),
                endpointIds.apply(e.path("endpoint").asText()), e.path("to").asText(e.path("state").asText()),
                e.path("usable").asBoolean(), flags, reason,
                e.hasNonNull("mechanism") ? e.get("mechanism").asText() : null, e.hasNonNull("detail") ? e.get("detail").asText() : null);
        usable.put(event.endpoint(), event.usable());
        out.accept(event);
    }

    /**
     * A config event: the first at connect, each PUT as announced; on a reconnect only a config that differs from
     * the last one recorded (it changed during the gap), as {@code source: reconnect}.
     */
    private void recordConfig(JsonNode e) {
        JsonNode config = e.path("config");
        String source = e.path("source").asText("unknown");
        if (source.equals("connect") && lastConfig != null) {
            if (config.equals(lastConfig)) {
                return;
            }
            source = "reconnect";
        }
        lastConfig = config;
        if (history == null) {
            return;
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("t_us", e.path("t_us").asLong());
        line.put("source", source);
        line.put("config", config);
        history.write(line);
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

    /** How many times the stream has been opened (1 until the first reconnect). */
    public int connections() {
        return connections;
    }

    @Override
    public void close() {
        closing = true;
        watchdog.shutdownNow();
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
        if (history != null) {
            history.close();
        }
    }
}
