package dev.gauntlet.harness.kind;

import java.util.Map;

/**
 * A gateway's rendered native configuration: file name → content. The files are saved in the run directory
 * as {@code gateway.native.<name>} (e.g. {@code gateway.native.haproxy.cfg}) before the gateway starts.
 *
 * @param files  file name (no directory) → content, in the order the gateway reads them
 * @param main   the file passed to the gateway on its command line
 */
public record NativeConfig(Map<String, String> files, String main) {
    public NativeConfig {
        files = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(files));
        if (!files.containsKey(main)) {
            throw new IllegalArgumentException("main: " + main + " (expected: one of " + files.keySet() + ")");
        }
    }
}
