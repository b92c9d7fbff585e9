package dev.gauntlet.backend.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Memory exhaustion: the heap grows by {@code mibPerSecond} (0 = at once) up to {@code mib} MiB of
 * live, touched arrays; with {@code untilOom} it keeps growing until the JVM throws
 * {@link OutOfMemoryError}, then the process exits with code 3 (what
 * {@code -XX:+ExitOnOutOfMemoryError} does), as a real OOM crash would. Setting {@code mib} to 0 frees it.
 *
 * <pre>{@code
 * {"memoryBalloon": {"mib": 40, "mibPerSecond": 10}}
 * {"memoryBalloon": {"untilOom": true, "mibPerSecond": 50}}
 * }</pre>
 *
 * @param mib          target size in MiB
 * @param mibPerSecond growth rate (0 = as fast as possible)
 * @param untilOom     keep growing past {@code mib} until OutOfMemoryError, then exit
 */
public record MemoryBalloonConfig(int mib, int mibPerSecond, boolean untilOom) {
    public static final int DEFAULT_MIB = 0;
    public static final int DEFAULT_MIB_PER_SECOND = 0;
    public static final boolean DEFAULT_UNTIL_OOM = false;
    /** Exit code after the balloon's OutOfMemoryError, as with -XX:+ExitOnOutOfMemoryError. */
    public static final int OOM_EXIT_CODE = 3;
    public static final MemoryBalloonConfig OFF = new MemoryBalloonConfig(DEFAULT_MIB, DEFAULT_MIB_PER_SECOND,
            DEFAULT_UNTIL_OOM);
    static final List<String> FIELDS = List.of("mib", "mibPerSecond", "untilOom");

    public MemoryBalloonConfig {
        Checks.range("mib", mib, 0, 1_048_576);
        Checks.range("mibPerSecond", mibPerSecond, 0, 1_048_576);
    }

    public boolean enabled() {
        return mib > 0 || untilOom;
    }

    static MemoryBalloonConfig read(Section s) {
        return new MemoryBalloonConfig(s.integer("mib", DEFAULT_MIB), s.integer("mibPerSecond", DEFAULT_MIB_PER_SECOND),
                s.bool("untilOom", DEFAULT_UNTIL_OOM));
    }

    void write(ObjectNode out) {
        out.put("mib", mib).put("mibPerSecond", mibPerSecond).put("untilOom", untilOom);
    }
}
