package dev.gauntlet.backend.server;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The backend's few log lines, on stderr (stdout carries only the ready line). A logging framework
 * would cost more start-up time than the whole server, for a handful of lines.
 *
 * <pre>{@code
 * BackendLog.info("behaviour changed: latency={\"fixed\":\"5ms\"}");
 * // 11:05:20.153 INFO  behaviour changed: latency={"fixed":"5ms"}
 * }</pre>
 */
public final class BackendLog {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final PrintStream ERR = System.err;
    /** Held strongly: JUL forgets levels set on loggers that are garbage-collected. */
    private static final Logger[] QUIET = {Logger.getLogger("org.xnio"), Logger.getLogger("io.undertow"),
        Logger.getLogger("org.jboss")};

    private BackendLog() {
    }

    /** Keeps Undertow and XNIO (which log through jboss-logging, here falling back to JUL) to warnings. */
    public static void quietLibraries() {
        for (Logger l : QUIET) {
            l.setLevel(Level.WARNING);
        }
    }

    public static void info(String message) {
        line("INFO ", message);
    }

    public static void warn(String message) {
        line("WARN ", message);
    }

    private static void line(String level, String message) {
        ERR.println(TIME.format(LocalTime.now()) + " " + level + " " + message);
    }
}
