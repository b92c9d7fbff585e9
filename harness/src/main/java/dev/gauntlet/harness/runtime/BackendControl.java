package dev.gauntlet.harness.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The fake backend's control API ({@code fake-backends/README.md}): read and patch its behaviour,
 * read its counters. Bad patches come back as the backend's one-line error.
 *
 * <pre>{@code
 * BackendControl control = new BackendControl("127.0.0.1", 41002);
 * JsonNode before = control.behaviour();
 * control.patch(json.readTree("{\"health\":{\"status\":500}}"));
 * }</pre>
 */
public final class BackendControl {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String base;

    public BackendControl(String host, int controlPort) {
        this.base = "http://" + host + ":" + controlPort + "/_control/";
    }

    public JsonNode behaviour() throws IOException {
        return send(HttpRequest.newBuilder(URI.create(base + "behaviour")).GET());
    }

    /** Merges {@code patch} into the behaviour; returns the new behaviour. */
    public JsonNode patch(JsonNode patch) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(base + "behaviour"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(patch.toString())));
    }

    public JsonNode stats() throws IOException {
        return send(HttpRequest.newBuilder(URI.create(base + "stats")).GET());
    }

    private static JsonNode send(HttpRequest.Builder request) throws IOException {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("backend control answered " + response.statusCode() + ": " + response.body().strip());
            }
            return JSON.readTree(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
