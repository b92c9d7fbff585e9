package dev.gauntlet.harness.kind;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows a log file a gateway appends to: each {@link #poll()} returns the whole lines written since the last
 * one (a line still being written waits for its newline). Not thread-safe: one reader thread per file. Kinds
 * whose view is a log (nginx's error log, Caddy's JSON log) poll it every few milliseconds, so the time a line
 * is read bounds from above when it was written.
 *
 * <pre>{@code
 * LogTail tail = new LogTail(runDir.resolve("nginx-error.log"));
 * for (String line : tail.poll()) { ... }
 * }</pre>
 */
public final class LogTail {

    private final Path file;
    private long offset;
    private final StringBuilder partial = new StringBuilder();

    public LogTail(Path file) {
        this.file = file;
    }

    /** Lines appended since the last poll; empty when the file does not exist yet. */
    public List<String> poll() throws IOException {
        List<String> lines = new ArrayList<>();
        if (!Files.exists(file)) {
            return lines;
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length < offset) {
                offset = 0; // truncated or replaced: start again from its beginning
                partial.setLength(0);
            }
            if (length == offset) {
                return lines;
            }
            byte[] bytes = new byte[(int) Math.min(length - offset, 4 << 20)];
            in.seek(offset);
            in.readFully(bytes);
            offset += bytes.length;
            partial.append(new String(bytes, StandardCharsets.UTF_8));
        }
        int start = 0;
        for (int i = 0; i < partial.length(); i++) {
            if (partial.charAt(i) == '\n') {
                lines.add(partial.substring(start, i));
                start = i + 1;
            }
        }
        partial.delete(0, start);
        return lines;
    }
}
