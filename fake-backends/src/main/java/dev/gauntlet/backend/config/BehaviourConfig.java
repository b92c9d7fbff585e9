package dev.gauntlet.backend.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything a fake backend does, validated and immutable; the running backend swaps whole
 * instances, so a request always sees one consistent behaviour.
 *
 * <pre>{@code
 * BehaviourConfig b = BehaviourConfig.fromJson(json.readTree("{\"latency\":{\"fixed\":\"5ms\"}}"));
 * JsonNode full = b.toJson();   // every section, every default filled in
 * }</pre>
 *
 * @param seed          seeds every random choice (latency samples, error and connection-fault draws)
 * @param status        status of a normal data response
 * @param bodySize      bytes in a normal data response body
 * @param latency       data-path latency
 * @param errors        injected data-path errors
 * @param health        the health endpoint
 * @param warmup        cold start
 * @param capacity      concurrency limit and queue
 * @param cpuBurn       CPU exhaustion
 * @param memoryBalloon memory exhaustion
 * @param connection    connection-level faults
 * @param tls           TLS on the data port
 */
public record BehaviourConfig(long seed, int status, int bodySize, LatencyConfig latency, ErrorsConfig errors,
                              HealthConfig health, WarmupConfig warmup, CapacityConfig capacity,
                              CpuBurnConfig cpuBurn, MemoryBalloonConfig memoryBalloon,
                              ConnectionConfig connection, TlsConfig tls) {
    public static final long DEFAULT_SEED = 1L;
    public static final int DEFAULT_STATUS = 200;
    public static final int DEFAULT_BODY_SIZE = 0;
    /** Bodies are held in memory once per behaviour; the cap keeps that well inside a 64 MiB heap. */
    public static final int MAX_BODY_SIZE = 8 * 1024 * 1024;
    public static final BehaviourConfig DEFAULT = new BehaviourConfig(DEFAULT_SEED, DEFAULT_STATUS, DEFAULT_BODY_SIZE,
            LatencyConfig.NONE, ErrorsConfig.NONE, HealthConfig.DEFAULT, WarmupConfig.NONE, CapacityConfig.UNLIMITED,
            CpuBurnConfig.OFF, MemoryBalloonConfig.OFF, ConnectionConfig.NORMAL, TlsConfig.OFF);
    static final List<String> FIELDS = List.of("seed", "status", "bodySize", "latency", "errors", "health", "warmup",
            "capacity", "cpuBurn", "memoryBalloon", "connection", "tls");

    public BehaviourConfig {
        Checks.status("status", status);
        Checks.range("bodySize", bodySize, 0, MAX_BODY_SIZE);
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(errors, "errors");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(capacity, "capacity");
        Objects.requireNonNull(cpuBurn, "cpuBurn");
        Objects.requireNonNull(memoryBalloon, "memoryBalloon");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(tls, "tls");
    }

    /** Reads a whole or partial document; missing keys take their defaults. */
    public static BehaviourConfig fromJson(JsonNode root) {
        Section s = Section.of(root, FIELDS);
        return new BehaviourConfig(s.longValue("seed", DEFAULT_SEED), s.integer("status", DEFAULT_STATUS),
                s.integer("bodySize", DEFAULT_BODY_SIZE),
                latency(s),
                s.child("errors", ErrorsConfig.FIELDS, ErrorsConfig::read),
                s.child("health", HealthConfig.FIELDS, HealthConfig::read),
                s.child("warmup", WarmupConfig.FIELDS, WarmupConfig::read),
                s.child("capacity", CapacityConfig.FIELDS, CapacityConfig::read),
                s.child("cpuBurn", CpuBurnConfig.FIELDS, CpuBurnConfig::read),
                s.child("memoryBalloon", MemoryBalloonConfig.FIELDS, MemoryBalloonConfig::read),
                s.child("connection", ConnectionConfig.FIELDS, ConnectionConfig::read),
                s.child("tls", TlsConfig.FIELDS, TlsConfig::read));
    }

    /** {@code "latency": "5ms"} is accepted as shorthand for {@code {"fixed": "5ms"}}. */
    private static LatencyConfig latency(Section s) {
        JsonNode raw = s.raw("latency");
        if (raw != null && raw.isTextual()) {
            Duration fixed = Durations.parseOrNull(raw.asText());
            if (fixed == null) {
                throw BehaviourInvalidException.of("latency", raw, Durations.RULE + ", or an object");
            }
            return Section.within("latency", () -> LatencyConfig.fixed(fixed));
        }
        return s.child("latency", LatencyConfig.FIELDS, LatencyConfig::read);
    }

    /** The whole behaviour as a camelCase document, durations in ms; reading it back gives an equal record. */
    public ObjectNode toJson() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("seed", seed).put("status", status).put("bodySize", bodySize);
        latency.write(out.putObject("latency"));
        errors.write(out.putObject("errors"));
        health.write(out.putObject("health"));
        warmup.write(out.putObject("warmup"));
        capacity.write(out.putObject("capacity"));
        cpuBurn.write(out.putObject("cpuBurn"));
        memoryBalloon.write(out.putObject("memoryBalloon"));
        connection.write(out.putObject("connection"));
        tls.write(out.putObject("tls"));
        return out;
    }
}
