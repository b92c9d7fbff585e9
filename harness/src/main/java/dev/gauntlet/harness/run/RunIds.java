package dev.gauntlet.harness.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Run directory names: {@code <yyyyMMdd-HHmmss>-<scenario>}, with a suffix when two start in one second. */
public final class RunIds {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private RunIds() {
    }

    public static String next(Path runsDir, String scenario, LocalDateTime now) {
        String base = STAMP.format(now) + "-" + scenario;
        String id = base;
        for (int n = 2; Files.exists(runsDir.resolve(id)); n++) {
            id = base + "-" + n;
        }
        return id;
    }
}
