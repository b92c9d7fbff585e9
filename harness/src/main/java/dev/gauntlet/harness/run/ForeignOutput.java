package dev.gauntlet.harness.run;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import org.slf4j.LoggerFactory;

/**
 * Keeps the console to Gauntlet's own lines: while a run is under way, everything else — library logs
 * (logback, java.util.logging such as {@code java.util.prefs}), Gatling's summary block and anything written
 * straight to {@code System.out}/{@code System.err} — goes to {@code harness.log} in the run directory. With
 * {@code verbose} it goes to the console as well. Gauntlet's own lines are written to the stream captured
 * before the diversion ({@link ScenarioRunner}'s {@code out}), so they are never diverted.
 *
 * <pre>{@code
 * try (ForeignOutput foreign = ForeignOutput.divert(dir.file("harness.log"), verbose)) {
 *     new LoadRunner().run(...);      // Gatling's console block ends up in harness.log
 * }
 * }</pre>
 */
public final class ForeignOutput implements AutoCloseable {

    public static final String FILE = "harness.log";

    private final PrintStream oldOut;
    private final PrintStream oldErr;
    private final PrintStream file;
    private final List<Appender<ILoggingEvent>> detached = new ArrayList<>();
    private final OutputStreamAppender<ILoggingEvent> appender;
    private final Level oldRootLevel;
    private final Handler[] oldJulHandlers;
    private final java.util.logging.Level oldJulLevel;
    private final Handler julHandler;
    private boolean closed;

    private ForeignOutput(Path logFile, boolean verbose) {
        oldOut = System.out;
        oldErr = System.err;
        try {
            file = new PrintStream(new FileOutputStream(logFile.toFile(), true), true, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setOut(new PrintStream(verbose ? new Tee(file, oldOut) : file, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(verbose ? new Tee(file, oldErr) : file, true, StandardCharsets.UTF_8));
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        oldRootLevel = root.getLevel();
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            detached.add(it.next());
        }
        detached.forEach(root::detachAppender);
        LoggerContext ctx = root.getLoggerContext();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n");
        encoder.start();
        appender = new OutputStreamAppender<>();
        appender.setContext(ctx);
        appender.setEncoder(encoder);
        appender.setOutputStream(new NonClosing(System.err)); // the file, and the console when verbose
        appender.start();
        root.addAppender(appender);
        if (verbose) {
            root.setLevel(Level.INFO);
        }
        // java.util.logging (java.util.prefs warns through it) writes to the same place instead of its own console handler
        java.util.logging.Logger jul = LogManager.getLogManager().getLogger("");
        oldJulHandlers = jul.getHandlers();
        oldJulLevel = jul.getLevel();
        for (Handler h : oldJulHandlers) {
            jul.removeHandler(h);
        }
        PrintStream julOut = System.err;
        julHandler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                julOut.println(r.getLevel() + " " + r.getLoggerName() + " - " + r.getMessage());
            }

            @Override
            public void flush() {
                julOut.flush();
            }

            @Override
            public void close() {
                flush();
            }
        };
        jul.addHandler(julHandler);
    }

    /** Diverts foreign output to {@code logFile} (appending) until {@link #close()}. */
    public static ForeignOutput divert(Path logFile, boolean verbose) {
        return new ForeignOutput(logFile, verbose);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(appender);
        appender.stop();
        detached.forEach(root::addAppender);
        root.setLevel(oldRootLevel);
        java.util.logging.Logger jul = LogManager.getLogManager().getLogger("");
        jul.removeHandler(julHandler);
        for (Handler h : oldJulHandlers) {
            jul.addHandler(h);
        }
        jul.setLevel(oldJulLevel);
        System.setOut(oldOut);
        System.setErr(oldErr);
        file.close();
    }

    /** Writes to both streams (verbose). */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }

        @Override
        public void flush() throws IOException {
            a.flush();
            b.flush();
        }
    }

    /** Logback closes its stream on stop; the diverted stream is closed by {@link #close()} alone. */
    private static final class NonClosing extends OutputStream {
        private final OutputStream out;

        NonClosing(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int c) throws IOException {
            out.write(c);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws IOException {
            out.write(bytes, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }
}
