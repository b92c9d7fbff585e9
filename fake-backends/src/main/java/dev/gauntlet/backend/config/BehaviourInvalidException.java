package dev.gauntlet.backend.config;

/**
 * A behaviour document, control request or command line that breaks a rule, carrying the one-line
 * message every Gauntlet part uses: {@code <source>: <field.path>: <value> (expected: <rule>)}.
 *
 * <p>Records throw it with the field name relative to themselves; readers prefix the path of the
 * section they are in, and the entry point adds the source, so each layer only knows its own part:
 * <pre>{@code
 * throw BehaviourInvalidException.of("p99", "1ms", ">= median (5ms)");
 * // becomes: "--behaviour: latency.p99: 1ms (expected: >= median (5ms))"
 * }</pre>
 */
public final class BehaviourInvalidException extends RuntimeException {
    private final String source;
    private final String path;
    private final String value;
    private final String rule;

    private BehaviourInvalidException(String source, String path, String value, String rule) {
        super(format(source, path, value, rule), null, false, false);
        this.source = source;
        this.path = path;
        this.value = value;
        this.rule = rule;
    }

    /** A rule broken by the field {@code path} (relative to the thrower) holding {@code value}. */
    public static BehaviourInvalidException of(String path, Object value, String rule) {
        return new BehaviourInvalidException(null, path, String.valueOf(value), rule);
    }

    /** The same error one level down: {@code latency} + {@code p99} gives {@code latency.p99}. */
    public BehaviourInvalidException under(String prefix) {
        String joined = path.isEmpty() ? prefix : path.startsWith("[") ? prefix + path : prefix + "." + path;
        return new BehaviourInvalidException(source, joined, value, rule);
    }

    /** The same error attributed to where the document came from (a file, {@code --behaviour}, a URL). */
    public BehaviourInvalidException from(String newSource) {
        return new BehaviourInvalidException(newSource, path, value, rule);
    }

    public String path() {
        return path;
    }

    public String value() {
        return value;
    }

    public String rule() {
        return rule;
    }

    public String source() {
        return source;
    }

    private static String format(String source, String path, String value, String rule) {
        String located = path.isEmpty() ? value : path + ": " + value;
        return (source == null ? "" : source + ": ") + located + " (expected: " + rule + ")";
    }
}
