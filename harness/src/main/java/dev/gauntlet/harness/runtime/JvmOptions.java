package dev.gauntlet.harness.runtime;

import java.util.List;

/**
 * JVM settings for our child parts. Small heaps and the serial collector keep a backend near
 * 100 MiB resident and the gateway under 256 MiB, so a 10-backend topology fits on a laptop; the
 * run id on the command line lets anyone (and the reaper's checks) tell which run a process is of.
 */
public final class JvmOptions {

    private JvmOptions() {
    }

    public static List<String> backend(String runId) {
        return List.of("-Xms16m", "-Xmx64m", "-XX:+UseSerialGC", "-Xss512k", "-XX:TieredStopAtLevel=1",
                "-XX:ReservedCodeCacheSize=32m", "-XX:MaxMetaspaceSize=64m", "-XX:+ExitOnOutOfMemoryError",
                "-Dgauntlet.run=" + runId);
    }

    public static List<String> gateway(String runId) {
        return List.of("-Xms32m", "-Xmx128m", "-XX:+UseSerialGC", "-Xss512k", "-XX:ReservedCodeCacheSize=48m",
                "-XX:MaxMetaspaceSize=96m", "-Dgauntlet.run=" + runId);
    }
}
