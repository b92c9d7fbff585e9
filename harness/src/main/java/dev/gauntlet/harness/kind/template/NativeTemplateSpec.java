package dev.gauntlet.harness.kind.template;

import java.nio.file.Path;
import java.util.Map;

/**
 * A scenario's {@code gateway.native}: the user's own config file as a template, and values for its variables.
 *
 * <pre>{@code
 * gateway:
 *   kind: haproxy
 *   native: { file: ops/haproxy.cfg, vars: { inter: 1s, fall: 3 } }
 * }</pre>
 *
 * @param file     the template, resolved against the scenario file's directory
 * @param shownAs  the file as the scenario wrote it, for error lines ({@code ops/haproxy.cfg})
 * @param text     the template as read when the scenario was loaded
 * @param vars     variable name → value ({@code --set gateway.native.vars.inter=500ms} included)
 */
public record NativeTemplateSpec(Path file, String shownAs, String text, Map<String, String> vars) {

    public NativeTemplateSpec {
        vars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(vars));
    }

    /** The parsed template; a syntax error is a {@link TemplateException}. */
    public Template template() {
        return Template.parse(shownAs, text);
    }
}
