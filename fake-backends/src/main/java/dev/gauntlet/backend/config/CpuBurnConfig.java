package dev.gauntlet.backend.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * CPU exhaustion: {@code threads} threads each spinning for {@code share} of every 10 ms, so
 * {@code threads × share} cores are taken from request handling and health checks.
 *
 * <pre>{@code
 * {"cpuBurn": {"threads": 2, "share": 0.9}}
 * }</pre>
 *
 * @param threads burning threads (0 = off)
 * @param share   share of a core each thread burns, 0.0-1.0
 */
public record CpuBurnConfig(int threads, double share) {
    public static final int DEFAULT_THREADS = 0;
    public static final double DEFAULT_SHARE = 1.0;
    public static final CpuBurnConfig OFF = new CpuBurnConfig(DEFAULT_THREADS, DEFAULT_SHARE);
    static final List<String> FIELDS = List.of("threads", "share");

    public CpuBurnConfig {
        Checks.range("threads", threads, 0, 64);
        Checks.fraction("share", share);
    }

    public boolean enabled() {
        return threads > 0 && share > 0;
    }

    static CpuBurnConfig read(Section s) {
        return new CpuBurnConfig(s.integer("threads", DEFAULT_THREADS), s.number("share", DEFAULT_SHARE));
    }

    void write(ObjectNode out) {
        out.put("threads", threads).put("share", share);
    }
}
