package dev.gauntlet.harness.kind.template;

import java.util.List;
import java.util.Map;

/**
 * A template rendered for one run: the text the gateway reads, which template line each of its lines came from
 * (so a validator's complaint about rendered line N names the user's line), and the variables' values used.
 *
 * <pre>{@code
 * RenderedTemplate r = template.render(context);
 * r.templateLine(12);          // the template's line that made rendered line 12
 * r.vars().get("inter");       // Var[value=500ms, given=true, default=2s]
 * }</pre>
 *
 * @param text   the rendered file
 * @param origin rendered line (index 0 = line 1) → template line (1-based)
 * @param vars   every declared variable, in declaration order
 */
public record RenderedTemplate(String text, List<Integer> origin, Map<String, Var> vars) {

    /** One variable's value and where it came from. */
    public record Var(String value, boolean given, String defaultValue) {
    }

    public RenderedTemplate {
        origin = List.copyOf(origin);
        vars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(vars));
    }

    /** The template line that made rendered line {@code renderedLine} (1-based); 0 when out of range. */
    public int templateLine(int renderedLine) {
        return renderedLine >= 1 && renderedLine <= origin.size() ? origin.get(renderedLine - 1) : 0;
    }
}
