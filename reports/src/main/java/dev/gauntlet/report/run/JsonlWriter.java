package dev.gauntlet.report.run;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends records to a {@code *.jsonl} file, one per line, safe to call from many threads.
 *
 * <p>Lines are flushed at least every {@code flushEvery} records and on {@link #flush()}/{@link #close()},
 * so an aborted run keeps what it recorded up to its last flush.
 */
public final class JsonlWriter implements AutoCloseable {

    private final BufferedWriter out;
    private final int flushEvery;
    private int unflushed;

    public JsonlWriter(Path path, int flushEvery) {
        try {
            Files.createDirectories(path.getParent());
            this.out = Files.newBufferedWriter(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + path + ": " + e.getMessage(), e);
        }
        this.flushEvery = Math.max(1, flushEvery);
    }

    public synchronized void write(Object record) {
        try {
            out.write(RunDirectory.JSON.writeValueAsString(record));
            out.newLine();
            if (++unflushed >= flushEvery) {
                out.flush();
                unflushed = 0;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void flush() {
        try {
            out.flush();
            unflushed = 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
