package dev.gauntlet.report.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of one run directory and how they are read and written.
 *
 * <pre>{@code
 * RunDirectory dir = new RunDirectory(Path.of("runs/20261126-101500-one-of-three-crashes"));
 * RunManifest manifest = dir.manifest();
 * List<RequestRecord> requests = dir.requests();
 * }</pre>
 *
 * All files use snake_case JSON; {@code *.jsonl} files hold one record per line and tolerate a
 * torn last line (a run killed mid-write keeps everything before it).
 */
public final class RunDirectory {

    public static final String MANIFEST = "run.json";
    public static final String SCENARIO = "scenario.yaml";
    public static final String TIMELINE = "timeline.jsonl";
    public static final String VIEW = "view.jsonl";
    public static final String REQUESTS = "requests.jsonl";
    public static final String GATEWAY_CONFIG = "gateway-config.json";
    /** The gateway's Prometheus text at the end of the run, when it has a /metrics endpoint. */
    public static final String GATEWAY_METRICS = "gateway-metrics.prom";
    public static final String RESULT = "result.json";
    public static final String REPORT = "report.html";
    public static final String JUNIT = "junit.xml";
    public static final String SUMMARY = "summary.md";

    /** The one JSON dialect of run directories. Thread-safe once configured. */
    public static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.ALWAYS)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(SerializationFeature.INDENT_OUTPUT, false);

    private final Path root;

    public RunDirectory(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path file(String name) {
        return root.resolve(name);
    }

    public RunManifest manifest() {
        return readJson(MANIFEST, RunManifest.class);
    }

    public void writeManifest(RunManifest manifest) {
        writeJson(MANIFEST, manifest);
    }

    public List<TimelineEvent> timeline() {
        return readLines(TIMELINE, TimelineEvent.class);
    }

    public List<ViewEvent> view() {
        return readLines(VIEW, ViewEvent.class);
    }

    public List<RequestRecord> requests() {
        return readLines(REQUESTS, RequestRecord.class);
    }

    /** The gateway's effective configuration as its admin API reported it, or null if none was saved. */
    public JsonNode gatewayConfig() {
        Path path = file(GATEWAY_CONFIG);
        if (!Files.exists(path)) {
            return null;
        }
        try {
            return JSON.readTree(path.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Result result() {
        return readJson(RESULT, Result.class);
    }

    public void writeResult(Result result) {
        writeJson(RESULT, result);
    }

    public <T> T readJson(String name, Class<T> type) {
        try {
            return JSON.readValue(file(name).toFile(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file(name) + ": " + e.getMessage(), e);
        }
    }

    public void writeJson(String name, Object value) {
        try {
            Files.createDirectories(root);
            Path tmp = file(name + ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), value);
            Files.move(tmp, file(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file(name) + ": " + e.getMessage(), e);
        }
    }

    /** Reads a JSONL file; a missing file is empty, a torn final line is ignored. */
    public <T> List<T> readLines(String name, Class<T> type) {
        Path path = file(name);
        List<T> out = new ArrayList<>();
        if (!Files.exists(path)) {
            return out;
        }
        try (BufferedReader reader = Files.newBufferedReader(path)) {
            String line;
            String pending = null;
            while ((line = reader.readLine()) != null) {
                if (pending != null) {
                    throw new IOException("malformed line in " + path + ": " + pending);
                }
                if (line.isBlank()) {
                    continue;
                }
                try {
                    out.add(JSON.readValue(line, type));
                } catch (IOException torn) {
                    pending = line; // only acceptable if it is the last line
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Parses a list of JSON values of a generic type (for callers holding TypeReferences). */
    public static <T> T parse(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
