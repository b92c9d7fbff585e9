package dev.gauntlet.harness.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Unrecorded traffic through the gateway before the measured load, so the baseline phase measures
 * the gateway and not its JIT compiler: without it the first seconds of every run show p99s ten
 * times the steady state, and a tail-latency expectation would judge the warm-up.
 */
public final class Warmup {

    private Warmup() {
    }

    /** Sends {@code ratePerSec} requests a second for {@code duration}; returns how many answered. */
    public static int run(String url, double ratePerSec, Duration duration) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build();
        long total = Math.max(1, Math.round(ratePerSec * duration.toMillis() / 1000.0));
        long spacingNanos = (long) (1e9 / ratePerSec);
        long start = System.nanoTime();
        List<CompletableFuture<HttpResponse<Void>>> sent = new ArrayList<>();
        for (long i = 0; i < total; i++) {
            long due = start + i * spacingNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait); // pacing an open-model load, not synchronising a test
            }
            sent.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding()));
        }
        int answered = 0;
        for (CompletableFuture<HttpResponse<Void>> f : sent) {
            try {
                f.get(10, TimeUnit.SECONDS);
                answered++;
            } catch (Exception failed) {
                // a warm-up request that failed still warmed the path it took
            }
        }
        return answered;
    }
}
