package dev.gauntlet.gateway.config;

/**
 * A configuration value broke a rule. Carries the YAML path relative to where it was raised so each
 * enclosing level can prefix its own segment; the loader adds the file name at the very end.
 *
 * <pre>{@code
 * throw new ConfigInvalidException("timeout", "0ms", "> 0ms");
 * // caught one level up:  e.under("clusters[0].healthCheck")
 * // printed:              gw.yaml: clusters[0].healthCheck.timeout: 0ms (expected: > 0ms)
 * }</pre>
 */
public final class ConfigInvalidException extends RuntimeException {
    private final String path;
    private final String value;
    private final String rule;

    public ConfigInvalidException(String path, Object value, String rule) {
        super(path + ": " + value + " (expected: " + rule + ")", null, false, false);
        this.path = path;
        this.value = String.valueOf(value);
        this.rule = rule;
    }

    /** Same error, with {@code prefix} prepended to the path. */
    public ConfigInvalidException under(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return this;
        }
        String joined = path.isEmpty() ? prefix : path.startsWith("[") ? prefix + path : prefix + "." + path;
        return new ConfigInvalidException(joined, value, rule);
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

    /** Runs {@code body}, re-throwing any config error with {@code prefix} prepended. */
    public static <T> T at(String prefix, java.util.function.Supplier<T> body) {
        try {
            return body.get();
        } catch (ConfigInvalidException e) {
            throw e.under(prefix);
        }
    }
}
