package dev.gauntlet.harness.kind.template;

/**
 * A native-config template that cannot be rendered or that its gateway rejects: bad input (exit 2), one line
 * {@code <template file>:<line>: <what> (expected: <rule>)}; a problem with no line of its own (an unknown
 * variable, a missing placeholder) names the file alone, {@code <template file>: <what> (expected: <rule>)}.
 *
 * <pre>{@code
 * throw TemplateException.at("ops/haproxy.cfg", 12, "unknown placeholder {{ listen.prot }}",
 *         "one of listen.port, listen.host, admin.port, ...");
 * }</pre>
 */
public final class TemplateException extends IllegalArgumentException {

    private final String file;
    private final int line;

    private TemplateException(String file, int line, String message) {
        super(message);
        this.file = file;
        this.line = line;
    }

    /** A problem at {@code line} (1-based) of {@code file}. */
    public static TemplateException at(String file, int line, String what, String expected) {
        return new TemplateException(file, line, file + ":" + line + ": " + what + " (expected: " + expected + ")");
    }

    /** A problem of the file as a whole. */
    public static TemplateException of(String file, String what, String expected) {
        return new TemplateException(file, 0, file + ": " + what + " (expected: " + expected + ")");
    }

    public String file() {
        return file;
    }

    /** The template's line (1-based), 0 when the problem has none. */
    public int line() {
        return line;
    }
}
