package dev.gauntlet.backend.server;

import dev.gauntlet.backend.config.BehaviourConfig;
import dev.gauntlet.backend.config.BehaviourDocuments;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * A real backend in the test JVM on free ports, and an HTTP client to talk to it.
 *
 * <pre>{@code
 * try (BackendFixture b = BackendFixture.start("{\"latency\":{\"fixed\":\"5ms\"}}")) {
 *     HttpResponse<String> r = b.get("/any");
 * }
 * }</pre>
 */
final class BackendFixture implements AutoCloseable {
    final FakeBackend backend;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private BackendFixture(FakeBackend backend) {
        this.backend = backend;
    }

    static BackendFixture start(String behaviourJson) throws IOException {
        BehaviourConfig config = BehaviourDocuments.parse(behaviourJson, "test", false);
        return new BackendFixture(FakeBackend.start("api-0", "127.0.0.1", 0, 0, config, Clock.systemUTC()));
    }

    URI data(String path) {
        return URI.create("http://127.0.0.1:" + backend.port() + path);
    }

    URI control(String path) {
        return URI.create("http://127.0.0.1:" + backend.controlPort() + path);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(data(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String header, String value) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(data(path)).header(header, value).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> put(String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(control("/_control/behaviour"))
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> control(String method, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(control(path)).method(method, HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Status and client-side latency of one request. */
    record Outcome(int status, long nanos) {
    }

    /** Sends {@code count} GETs with at most {@code concurrency} in flight; outcomes in completion order. */
    List<Outcome> load(String path, int count, int concurrency) throws InterruptedException {
        Semaphore permits = new Semaphore(concurrency);
        List<Outcome> outcomes = new ArrayList<>();
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            permits.acquire();
            long start = System.nanoTime();
            all.add(http.sendAsync(HttpRequest.newBuilder(data(path)).timeout(Duration.ofSeconds(20)).build(),
                            HttpResponse.BodyHandlers.discarding())
                    .whenComplete((r, e) -> {
                        synchronized (outcomes) {
                            outcomes.add(new Outcome(r == null ? -1 : r.statusCode(), System.nanoTime() - start));
                        }
                        permits.release();
                    }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        return outcomes;
    }

    static long percentileNanos(List<Outcome> outcomes, double p) {
        long[] sorted = outcomes.stream().mapToLong(Outcome::nanos).sorted().toArray();
        return sorted[(int) Math.ceil(p * sorted.length) - 1];
    }

    @Override
    public void close() {
        backend.close();
    }
}
