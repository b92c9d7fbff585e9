package dev.gauntlet.harness.kind;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.harness.fault.Micros;
import dev.gauntlet.harness.runtime.ChildProcess;
import dev.gauntlet.harness.runtime.ChildRegistry;
import dev.gauntlet.harness.runtime.JvmOptions;
import dev.gauntlet.harness.runtime.ProjectHome;
import dev.gauntlet.report.run.ViewEvent;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * Real parts for a gateway kind's IT, without our gateway: a real toxiproxy-server, {@code n} fake-backend
 * processes each behind its own proxy ({@code api-0} ...), a neutral config naming the proxies, a view sink that
 * records, and an open-model load (a fixed arrival rate) whose answers are kept with their headers.
 *
 * <pre>{@code
 * try (KindTestParts parts = KindTestParts.start(runDir, 3)) {
 *     ObjectNode neutral = parts.neutral(listenPort, adminPort, settings);
 *     parts.proxy("api-0").disable();   // refuse
 * }
 * }</pre>
 */
public final class KindTestParts implements AutoCloseable {


    /** A recorded client answer. */
    public record Reply(long atUs, int status, Map<String, String> headers, String body) {
    }

    private final ChildRegistry registry;
    private final List<ChildProcess> children = new ArrayList<>();
    private final List<String> proxyAddresses = new ArrayList<>();
    private final List<Integer> controlPorts = new ArrayList<>();
    private final ToxiproxyClient toxiproxy;
    private final String runId;
    public final List<ViewEvent> events = new CopyOnWriteArrayList<>();
    public final List<Reply> replies = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService load;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private KindTestParts(ChildRegistry registry, ToxiproxyClient toxiproxy, String runId) {
        this.registry = registry;
        this.toxiproxy = toxiproxy;
        this.runId = runId;
    }

    public static KindTestParts start(Path runDir, int n) throws Exception {
        ChildRegistry registry = ChildRegistry.open(runDir);
        String runId = runDir.getFileName().toString();
        int toxiPort = freePort();
        String binary = System.getProperty("gauntlet.toxiproxy", ProjectHome.toxiproxyServer().toString());
        ChildProcess toxi = ChildProcess.start("toxiproxy", List.of(binary, "-host", "127.0.0.1", "-port",
                String.valueOf(toxiPort)), runDir.resolve("toxiproxy.log"), registry, json -> false);
        ToxiproxyClient client = new ToxiproxyClient("127.0.0.1", toxiPort);
        KindTestParts parts = new KindTestParts(registry, client, runId);
        parts.children.add(toxi);
        Awaitility.await("toxiproxy answers").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .ignoreExceptions().until(() -> {
                    client.reset();
                    return true;
                });
        for (int i = 0; i < n; i++) {
            String id = "api-" + i;
            List<String> command = new ArrayList<>(List.of(ProjectHome.java()));
            command.addAll(JvmOptions.backend(runId));
            command.addAll(List.of("-jar", ProjectHome.backendJar().toString(), "--id", id, "--port", "0",
                    "--control-port", "0", "--behaviour", "{\"latency\":{\"fixed\":\"2ms\"}}"));
            ChildProcess backend = ChildProcess.start("backend " + id, command, runDir.resolve("backend-" + id + ".log"),
                    registry, json -> "ready".equals(json.path("event").asText()));
            parts.children.add(backend);
            var ready = backend.awaitReady(Duration.ofSeconds(30));
            String listen = "127.0.0.1:" + freePort();
            client.createProxy(runId + "." + id, listen, "127.0.0.1:" + ready.path("port").asInt());
            parts.proxyAddresses.add(listen);
            parts.controlPorts.add(ready.path("control_port").asInt());
        }
        parts.warmUp();
        return parts;
    }

    /**
     * A few health and data requests through each proxy before any gateway starts: a cold backend JVM's first
     * answer can take longer than a check timeout, and Caddy counts that start-up failure towards a later fault
     * (its fail counts are not consecutive), which would break the IT's "counts clean before the fault".
     */
    private void warmUp() throws Exception {
        for (String address : proxyAddresses) {
            for (int i = 0; i < 20; i++) {
                for (String path : List.of("/health", "/warm")) {
                    http.send(HttpRequest.newBuilder(URI.create("http://" + address + path)).timeout(Duration.ofSeconds(10))
                            .build(), HttpResponse.BodyHandlers.discarding());
                }
            }
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public Proxy proxy(String id) throws IOException {
        return toxiproxy.getProxy(runId + "." + id);
    }

    /** Sets backend {@code id}'s behaviour through its control port (e.g. its health endpoint's status). */
    public void behaviour(String id, String json) throws Exception {
        int port = controlPorts.get(Integer.parseInt(id.substring(id.indexOf('-') + 1)));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/_control/behaviour"))
                .PUT(HttpRequest.BodyPublishers.ofString(json)).header("content-type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("behaviour " + id + ": " + r.statusCode() + " " + r.body());
        }
    }

    /** The topology's shape: one cluster {@code api} of the proxies, {@code settings} merged into it. */
    public ObjectNode neutral(int listenPort, int adminPort, ObjectNode settings) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.putObject("listen").put("host", "127.0.0.1").put("port", listenPort);
        root.putObject("admin").put("host", "127.0.0.1").put("port", adminPort);
        root.putArray("routes").addObject().put("host", "*").put("pathPrefix", "/").put("cluster", "api");
        ObjectNode cluster = settings.deepCopy();
        cluster.put("name", "api");
        ArrayNode endpoints = cluster.putArray("endpoints");
        for (int i = 0; i < proxyAddresses.size(); i++) {
            endpoints.addObject().put("name", "api-" + i).put("address", proxyAddresses.get(i)).put("weight", 1);
        }
        root.putArray("clusters").add(cluster);
        return root;
    }

    public ViewSink sink() {
        return new ViewSink() {
            @Override
            public void accept(ViewEvent event) {
                events.add(event);
            }

            @Override
            public void gap(long fromUs, String why) {
                events.add(new ViewEvent(fromUs, "api", "*", "gap", false, List.of(), "view_gap"));
            }
        };
    }

    /** Starts GETs to {@code baseUrl + path} at {@code ratePerSec}, each answer kept in {@link #replies}. */
    public void startLoad(String url, int ratePerSec) {
        load = Executors.newSingleThreadScheduledExecutor();
        load.scheduleAtFixedRate(() -> http.sendAsync(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString())
                .thenAccept(r -> {
                    Map<String, String> headers = new TreeMap<>();
                    r.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
                    String body = r.body() == null ? "" : r.body();
                    replies.add(new Reply(Micros.nowUs(), r.statusCode(), headers,
                            r.statusCode() >= 400 ? body.substring(0, Math.min(512, body.length())) : ""));
                }), 0, 1_000_000 / ratePerSec, TimeUnit.MICROSECONDS);
    }

    public void stopLoad() {
        if (load != null) {
            load.shutdownNow();
        }
    }

    /** Now in the run's time base (CLOCK_MONOTONIC), as the views stamp. */
    public static long nowUs() {
        return Micros.nowUs();
    }

    /** The first transition of {@code endpoint} to {@code usable} recorded after the first {@code fromIndex} events. */
    public ViewEvent firstChange(String endpoint, boolean usable, int fromIndex) {
        return events.subList(fromIndex, events.size()).stream().filter(e -> e.endpoint().equals(endpoint)
                && e.usable() == usable && !e.reason().equals("snapshot")).findFirst().orElse(null);
    }

    public ChildRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        stopLoad();
        for (int i = children.size() - 1; i >= 0; i--) {
            children.get(i).stop(Duration.ofSeconds(2));
        }
        registry.close();
    }
}
