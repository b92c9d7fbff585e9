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

    /** Where file {@code name} is saved in the run directory: {@code gateway.native.<name>}. */
    public static java.nio.file.Path savedPath(java.nio.file.Path runDir, String name) {
        return runDir.resolve("gateway.native." + name);
    }

    /** The saved main file, as the gateway's validator and command line are given it. */
    public java.nio.file.Path mainPath(java.nio.file.Path runDir) {
        return savedPath(runDir, main);
    }

    /** Saves every file as {@code gateway.native.<name>} in {@code runDir} (before validate and start). */
    public void save(java.nio.file.Path runDir) {
        try {
            java.nio.file.Files.createDirectories(runDir);
            for (Map.Entry<String, String> f : files.entrySet()) {
                java.nio.file.Files.writeString(savedPath(runDir, f.getKey()), f.getValue());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot save the gateway's native config in " + runDir, e);
        }
    }
}
