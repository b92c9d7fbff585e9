package dev.gauntlet.harness.kind.template;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A user's native gateway config with Gauntlet's placeholders, parsed once and rendered per run. One small grammar
 * for every kind (docs/gateways/templates.md), read by a hand-written tokenizer that keeps line numbers: a library
 * would bring a bigger language (Go templates, Mustache) whose errors cannot name the user's line in our format.
 *
 * <pre>
 *   {{ listen.port }}                 a placeholder the topology owns
 *   {{ backends.api }}                the kind's lines for cluster api's endpoints, each indented like this one
 *   {{ each backends.api }} server {{ .name }} {{ .address }} weight {{ .weight }} {{ end }}
 *   {{ var "inter" "2s" }}            declares a variable with a default and prints its value
 *   {{ var "inter" }}                 prints it again (or declares one that must be given)
 * </pre>
 * An {@code each} or {@code end} alone on its line takes the line with it, so a block leaves no blank lines.
 *
 * <pre>{@code
 * Template t = Template.parse("ops/haproxy.cfg", Files.readString(file));   // TemplateException on a syntax error
 * RenderedTemplate r = t.render(context);                                   // TemplateException: unknown, missing
 * }</pre>
 */
public final class Template {

    private static final Pattern NAME = Pattern.compile("\\.?[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]+)*");
    private static final Pattern VAR_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String ENDPOINT_FIELDS = ".name, .host, .port, .address, .weight";

    private sealed interface Node permits Text, Value, Var, Each {
    }

    private record Text(String text, int line) implements Node {
    }

    private record Value(String name, int line) implements Node {
    }

    private record Var(String name, String defaultValue, int line) implements Node {
    }

    private record Each(String cluster, List<Node> body, int line) implements Node {
    }

    private final String file;
    private final List<Node> nodes;

    private Template(String file, List<Node> nodes) {
        this.file = file;
        this.nodes = nodes;
    }

    /** Parses {@code text}; {@code file} is how errors name it (as the scenario wrote it). */
    public static Template parse(String file, String text) {
        return new Template(file, new Parser(file, text).parse());
    }

    /** Renders for one run; every placeholder, cluster and variable is checked against {@code ctx}. */
    public RenderedTemplate render(TemplateContext ctx) {
        Map<String, RenderedTemplate.Var> vars = declare(ctx);
        Output out = new Output();
        Set<String> used = new LinkedHashSet<>();
        write(nodes, null, ctx, vars, used, out);
        for (String cluster : ctx.clusters().keySet()) {
            if (!used.contains("backends." + cluster)) {
                throw TemplateException.of(file, "missing placeholder for cluster " + cluster,
                        "{{ backends." + cluster + " }} or {{ each backends." + cluster + " }} ... {{ end }}: the topology's"
                                + " endpoints of every cluster go where the template says");
            }
        }
        for (String name : ctx.required()) {
            if (!used.contains(name)) {
                throw TemplateException.of(file, "missing placeholder {{ " + name + " }}",
                        "every one of " + String.join(", ", ctx.required()) + ": the harness owns them and reads the gateway through them");
            }
        }
        return new RenderedTemplate(out.text.toString(), out.origin, vars);
    }

    /** Every variable's value, from the declarations in document order and the given values. */
    private Map<String, RenderedTemplate.Var> declare(TemplateContext ctx) {
        List<Var> declarations = new ArrayList<>();
        collect(nodes, declarations);
        Map<String, RenderedTemplate.Var> vars = new LinkedHashMap<>();
        for (Var v : declarations) {
            RenderedTemplate.Var seen = vars.get(v.name());
            if (seen != null) {
                if (v.defaultValue() != null && seen.defaultValue() != null && !v.defaultValue().equals(seen.defaultValue())) {
                    throw TemplateException.at(file, v.line(), "variable \"" + v.name() + "\" declared again with default \""
                            + v.defaultValue() + "\"", "one default per variable (first: \"" + seen.defaultValue() + "\")");
                }
                continue;
            }
            String given = ctx.given().get(v.name());
            if (given == null && v.defaultValue() == null) {
                throw TemplateException.at(file, v.line(), "variable \"" + v.name() + "\" has no value",
                        "a default where it is first named, {{ var \"" + v.name() + "\" \"default\" }}, or gateway.native.vars."
                                + v.name());
            }
            vars.put(v.name(), new RenderedTemplate.Var(given != null ? given : v.defaultValue(), given != null, v.defaultValue()));
        }
        for (String name : ctx.given().keySet()) {
            if (!vars.containsKey(name)) {
                throw TemplateException.of(file, "unknown variable gateway.native.vars." + name,
                        vars.isEmpty() ? "a variable the template declares; it declares none"
                                : "a variable the template declares: one of " + String.join(", ", vars.keySet()));
            }
        }
        return vars;
    }

    private static void collect(List<Node> nodes, List<Var> into) {
        for (Node n : nodes) {
            if (n instanceof Var v) {
                into.add(v);
            } else if (n instanceof Each e) {
                collect(e.body(), into);
            }
        }
    }

    private void write(List<Node> nodes, TemplateEndpoint endpoint, TemplateContext ctx,
                       Map<String, RenderedTemplate.Var> vars, Set<String> used, Output out) {
        for (Node n : nodes) {
            if (n instanceof Text t) {
                out.append(t.text(), t.line(), true);
            } else if (n instanceof Var v) {
                out.append(vars.get(v.name()).value(), v.line(), false);
            } else if (n instanceof Each e) {
                for (TemplateEndpoint ep : endpoints(ctx, e.cluster(), e.line(), used)) {
                    write(e.body(), ep, ctx, vars, used, out);
                }
            } else if (n instanceof Value v) {
                out.append(value(v, endpoint, ctx, used, out), v.line(), false);
            }
        }
    }

    private String value(Value v, TemplateEndpoint endpoint, TemplateContext ctx, Set<String> used, Output out) {
        String name = v.name();
        if (name.startsWith(".")) {
            if (endpoint == null) {
                throw TemplateException.at(file, v.line(), "{{ " + name + " }} outside {{ each }}",
                        "endpoint fields only between {{ each backends.<cluster> }} and {{ end }}");
            }
            String field = endpoint.field(name.substring(1));
            if (field == null) {
                throw TemplateException.at(file, v.line(), "unknown placeholder {{ " + name + " }}", "one of " + ENDPOINT_FIELDS);
            }
            return field;
        }
        if (name.startsWith("backends.")) {
            List<String> lines = ctx.backendLines().apply(endpoints(ctx, name.substring("backends.".length()), v.line(), used));
            return String.join("\n" + out.indent(), lines);
        }
        String value = ctx.placeholders().get(name);
        if (value == null) {
            throw TemplateException.at(file, v.line(), "unknown placeholder {{ " + name + " }}", "one of " + ctx.known());
        }
        used.add(name);
        return value;
    }

    private List<TemplateEndpoint> endpoints(TemplateContext ctx, String cluster, int line, Set<String> used) {
        List<TemplateEndpoint> eps = ctx.clusters().get(cluster);
        if (eps == null) {
            throw TemplateException.at(file, line, "unknown placeholder backends." + cluster,
                    "a cluster of the scenario's backends: one of "
                            + String.join(", ", ctx.clusters().keySet().stream().map(c -> "backends." + c).toList()));
        }
        used.add("backends." + cluster);
        return eps;
    }

    /** The rendered text and, per rendered line, the template line it started from. */
    private static final class Output {
        final StringBuilder text = new StringBuilder();
        final List<Integer> origin = new ArrayList<>();
        boolean atLineStart = true;

        /** {@code literal}: the template's own text, whose newlines are the template's; else one expansion. */
        void append(String s, int line, boolean literal) {
            int l = line;
            int i = 0;
            while (i < s.length()) {
                int nl = s.indexOf('\n', i);
                if (atLineStart) {
                    origin.add(l);
                    atLineStart = false;
                }
                text.append(s, i, nl < 0 ? s.length() : nl + 1);
                if (nl < 0) {
                    return;
                }
                atLineStart = true;
                l += literal ? 1 : 0;
                i = nl + 1;
            }
        }

        /** The leading whitespace of the line being written: an expansion's next lines start with it. */
        String indent() {
            int start = text.lastIndexOf("\n") + 1;
            int end = start;
            while (end < text.length() && (text.charAt(end) == ' ' || text.charAt(end) == '\t')) {
                end++;
            }
            return text.substring(start, end);
        }
    }

    /** The tokenizer: text and {{ actions }}, each action on one line, blocks checked as they close. */
    private static final class Parser {
        private final String file;
        private final String text;

        Parser(String file, String text) {
            this.file = file;
            this.text = text;
        }

        List<Node> parse() {
            Deque<List<Node>> open = new ArrayDeque<>();
            Deque<Each> blocks = new ArrayDeque<>();
            open.push(new ArrayList<>());
            int pos = 0;
            int line = 1;
            while (pos < text.length()) {
                int at = text.indexOf("{{", pos);
                String before = text.substring(pos, at < 0 ? text.length() : at);
                int close = at < 0 ? -1 : text.indexOf("}}", at + 2);
                int tagLine = line + count(before);
                if (at >= 0 && (close < 0 || text.substring(at, close).indexOf('\n') >= 0)) {
                    throw TemplateException.at(file, tagLine, "{{ without }} on its line", "{{ placeholder }} on one line");
                }
                String[] words = at < 0 ? null : words(text.substring(at + 2, close).strip(), tagLine);
                boolean block = words != null && (words[0].equals("each") || words[0].equals("end"));
                int after = at < 0 ? text.length() : close + 2;
                if (block && standalone(at, after)) {
                    // the tag's whole line goes: trailing blanks before it, its own newline after
                    before = before.substring(0, before.length() - (at - lineStart(at)));
                    after = lineEnd(after);
                }
                if (!before.isEmpty()) {
                    open.peek().add(new Text(before, line));
                }
                line = tagLine + count(text.substring(at < 0 ? text.length() : at, after));
                pos = after;
                if (words == null) {
                    break;
                }
                switch (words[0]) {
                    case "each" -> {
                        if (!blocks.isEmpty()) {
                            throw TemplateException.at(file, tagLine, "{{ each }} inside {{ each }}", "blocks one level deep");
                        }
                        if (words.length != 2 || !words[1].startsWith("backends.")) {
                            throw TemplateException.at(file, tagLine, "{{ " + String.join(" ", words) + " }}", "{{ each backends.<cluster> }}");
                        }
                        Each e = new Each(words[1].substring("backends.".length()), new ArrayList<>(), tagLine);
                        open.peek().add(e);
                        blocks.push(e);
                        open.push(e.body());
                    }
                    case "end" -> {
                        if (blocks.isEmpty() || words.length != 1) {
                            throw TemplateException.at(file, tagLine, "{{ " + String.join(" ", words) + " }} without {{ each }}",
                                    "{{ end }} closing an {{ each backends.<cluster> }}");
                        }
                        blocks.pop();
                        open.pop();
                    }
                    case "var" -> open.peek().add(var(words, tagLine));
                    default -> {
                        if (words.length != 1 || !NAME.matcher(words[0]).matches()) {
                            throw TemplateException.at(file, tagLine, "{{ " + String.join(" ", words) + " }}",
                                    "{{ name }}, {{ var \"name\" \"default\" }}, {{ each backends.<cluster> }} or {{ end }}");
                        }
                        open.peek().add(new Value(words[0], tagLine));
                    }
                }
            }
            if (!blocks.isEmpty()) {
                throw TemplateException.at(file, blocks.peek().line(), "{{ each backends." + blocks.peek().cluster()
                        + " }} never closed", "{{ end }} after the block");
            }
            return open.peek();
        }

        private Var var(String[] words, int line) {
            if (words.length < 2 || words.length > 3 || !quoted(words[1]) || (words.length == 3 && !quoted(words[2]))) {
                throw TemplateException.at(file, line, "{{ " + String.join(" ", words) + " }}", "{{ var \"name\" \"default\" }} or {{ var \"name\" }}");
            }
            String name = unquote(words[1]);
            if (!VAR_NAME.matcher(name).matches()) {
                throw TemplateException.at(file, line, "variable name \"" + name + "\"", "letters, digits and _, not starting with a digit");
            }
            return new Var(name, words.length == 3 ? unquote(words[2]) : null, line);
        }

        /** Splits an action into words; a quoted string (with \" and \\ escapes) is one word, quotes kept. */
        private String[] words(String action, int line) {
            List<String> out = new ArrayList<>();
            int i = 0;
            while (i < action.length()) {
                char c = action.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '"') {
                    int j = i + 1;
                    while (j < action.length() && action.charAt(j) != '"') {
                        j += action.charAt(j) == '\\' ? 2 : 1;
                    }
                    if (j >= action.length()) {
                        throw TemplateException.at(file, line, "unterminated string in {{ " + action + " }}", "\"text\"");
                    }
                    out.add(action.substring(i, j + 1));
                    i = j + 1;
                } else {
                    int j = i;
                    while (j < action.length() && !Character.isWhitespace(action.charAt(j)) && action.charAt(j) != '"') {
                        j++;
                    }
                    out.add(action.substring(i, j));
                    i = j;
                }
            }
            if (out.isEmpty()) {
                throw TemplateException.at(file, line, "empty {{ }}", "{{ name }}");
            }
            return out.toArray(String[]::new);
        }

        private static boolean quoted(String word) {
            return word.length() >= 2 && word.startsWith("\"") && word.endsWith("\"");
        }

        private static String unquote(String word) {
            return word.substring(1, word.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }

        private boolean standalone(int at, int after) {
            return text.substring(lineStart(at), at).isBlank() && text.substring(after, lineEnd(after)).isBlank();
        }

        private int lineStart(int at) {
            return text.lastIndexOf('\n', at - 1) + 1;
        }

        /** Just past the newline ending the line that {@code from} is on (or the text's end). */
        private int lineEnd(int from) {
            int nl = text.indexOf('\n', from);
            return nl < 0 ? text.length() : nl + 1;
        }

        private static int count(String s) {
            return (int) s.chars().filter(c -> c == '\n').count();
        }
    }
}
