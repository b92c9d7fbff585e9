package dev.gauntlet.harness.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The one way scenario, suite and sweep files (and {@code --set} values) are read: a file over
 * {@link #MAX_BYTES} is refused from its size before a byte is parsed, a duplicate key is an error naming
 * both lines, an alias is refused (Jackson would read it as its anchor's name), SnakeYAML's limits (code points,
 * nesting, aliases) are set, and every problem is one {@link ScenarioInvalidException} line.
 *
 * <pre>{@code
 * JsonNode tree = StrictYaml.read(Path.of("scenarios/backend-hang.yaml"));
 * // backend-hang.yaml: load.rate: duplicate key (expected: each key once; first at line 14, again at line 17)
 * }</pre>
 */
public final class StrictYaml {

    /** 1 MiB: the largest library file is a few KiB; a bigger one is a mistake, and parsing it took 53 s. */
    public static final long MAX_BYTES = 1L << 20;
    /** Aliases to collections per document: enough for shared settings, far too few for a "billion laughs". */
    public static final int MAX_ALIASES = 20;
    /** Nesting depth: a scenario is at most ~6 levels deep. */
    public static final int MAX_DEPTH = 50;

    /** The mapper every reader uses: duplicate keys detected by Jackson, SnakeYAML's limits set. */
    public static final ObjectMapper MAPPER = new ObjectMapper(factory());

    private StrictYaml() {
    }

    private static YAMLFactory factory() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit((int) MAX_BYTES); // a --set value or a stream never goes past what a file may hold
        YAMLFactory f = YAMLFactory.builder().loaderOptions(options).build();
        f.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        return f;
    }

    /** Reads the file's bytes, refusing one over {@link #MAX_BYTES} from its size alone. */
    public static byte[] readBytes(Path file) {
        String name = file.getFileName().toString();
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new ScenarioInvalidException(name, "(file)", size(size), "a file of at most 1 MiB");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ScenarioInvalidException(name, "(file)", firstLine(e), "a readable file");
        }
    }

    /** Reads and parses {@code file}; the tree may be null (an empty file). */
    public static JsonNode read(Path file) {
        return parse(file.getFileName().toString(), readBytes(file));
    }

    /** Parses the bytes of {@code fileName}; every problem is the one-line error. */
    public static JsonNode parse(String fileName, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        JsonNode tree;
        try {
            tree = MAPPER.readTree(text);
        } catch (IOException e) {
            throw invalid(fileName, "(file)", text, e);
        }
        refuseAliases(fileName, null, text);
        return tree;
    }

    /** Parses one {@code --set} value of {@code path} the same way. */
    public static JsonNode parseValue(String fileName, String path, String text) {
        if (text.length() > MAX_BYTES) {
            throw new ScenarioInvalidException(fileName, path, size(text.length()) + " of text", "a value of at most 1 MiB");
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(text);
        } catch (IOException e) {
            throw invalid(fileName, path, text, e);
        }
        refuseAliases(fileName, path, text);
        return tree;
    }

    private static void refuseAliases(String fileName, String setPath, String text) {
        Alias a = findAlias(text);
        if (a != null) {
            String where = setPath != null ? setPath : a.path().isEmpty() ? "(root)" : a.path();
            throw new ScenarioInvalidException(fileName, where, "alias *" + a.anchor() + " at line " + a.line(),
                    "no aliases: the value written out (an alias would be read as the anchor's name, not its value)");
        }
    }

    private static ScenarioInvalidException invalid(String fileName, String where, String text, IOException e) {
        String message = firstLine(e);
        if (message.startsWith("Duplicate field '")) {
            String key = message.substring("Duplicate field '".length(), message.indexOf('\'', "Duplicate field '".length()));
            Duplicate d = findDuplicate(text, key);
            if (d != null) {
                String path = "(file)".equals(where) ? (d.path().isEmpty() ? key : d.path() + "." + key) : where;
                return new ScenarioInvalidException(fileName, path, "duplicate key " + key,
                        "each key once; first at line " + d.firstLine() + ", again at line " + d.secondLine());
            }
        }
        if (message.contains("Number of aliases") || message.contains("aliases for non-scalar")) {
            return new ScenarioInvalidException(fileName, where, "more than " + MAX_ALIASES + " aliases",
                    "at most " + MAX_ALIASES + " aliases to lists or mappings");
        }
        if (message.contains("code points")) {
            return new ScenarioInvalidException(fileName, where, "more than 1 MiB of text", "at most 1 MiB");
        }
        String at = e instanceof JsonProcessingException p && p.getLocation() != null && p.getLocation().getLineNr() > 0
                ? " at line " + p.getLocation().getLineNr() : "";
        return new ScenarioInvalidException(fileName, where, message + at, "valid YAML");
    }

    /** Where a duplicate key sits: its parent's path and the lines of its first and second occurrence. */
    record Duplicate(String path, int firstLine, int secondLine) {
    }

    /** An alias ({@code *name}) found in a document: where, and which anchor it names. */
    record Alias(String path, int line, String anchor) {
    }

    /**
     * Jackson names the key and the second line; a token walk with one key map per open mapping finds the
     * first (without duplicate detection, so it gets past the second).
     */
    static Duplicate findDuplicate(String text, String key) {
        Object found = walk(text, key);
        return found instanceof Duplicate d ? d : null;
    }

    /**
     * The first alias in the document, or null. Jackson's YAML parser does not resolve an alias: it reads
     * {@code *base} as the text {@code "base"}, so a scenario using one would silently get the anchor's name in
     * place of its value; SnakeYAML's alias limit ({@link #MAX_ALIASES}) never applies on that path either.
     */
    static Alias findAlias(String text) {
        if (text.indexOf('*') < 0) {
            return null;
        }
        Object found = walk(text, null);
        return found instanceof Alias a ? a : null;
    }

    /** Walks the tokens keeping the path; returns the duplicate of {@code key} (when given) or the first alias. */
    private static Object walk(String text, String key) {
        try (JsonParser p = new ObjectMapper(new YAMLFactory()).getFactory().createParser(text)) {
            Deque<Map<String, Integer>> maps = new ArrayDeque<>();
            Deque<String> path = new ArrayDeque<>();
            Deque<Integer> indices = new ArrayDeque<>();
            String lastField = null;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                switch (t) {
                    case START_OBJECT, START_ARRAY -> {
                        path.push(segment(lastField, indices));
                        maps.push(new HashMap<>());
                        indices.push(t == JsonToken.START_OBJECT ? -1 : 0);
                        lastField = null;
                    }
                    case END_OBJECT, END_ARRAY -> {
                        maps.pop();
                        indices.pop();
                        path.pop();
                        bumpIndex(indices);
                    }
                    case FIELD_NAME -> {
                        lastField = p.currentName();
                        int line = line(p.currentTokenLocation());
                        Integer first = maps.peek().putIfAbsent(lastField, line);
                        if (key != null && first != null && lastField.equals(key)) {
                            return new Duplicate(join(path), first, line);
                        }
                    }
                    default -> {
                        if (key == null && p instanceof com.fasterxml.jackson.dataformat.yaml.YAMLParser y && y.isCurrentAlias()) {
                            String here = join(path);
                            String segment = segment(lastField, indices);
                            String where = segment.isEmpty() ? here : here.isEmpty() || segment.startsWith("[") ? here + segment
                                    : here + "." + segment;
                            return new Alias(where, line(p.currentTokenLocation()), p.getText());
                        }
                        lastField = null;
                        bumpIndex(indices);
                    }
                }
            }
        } catch (IOException ignored) {
            // the walk is only for the message; Jackson's own error is reported without it
        }
        return null;
    }

    private static String segment(String field, Deque<Integer> indices) {
        if (indices.isEmpty()) {
            return "";
        }
        Integer index = indices.peek();
        return index != null && index >= 0 ? "[" + index + "]" : field == null ? "" : field;
    }

    private static void bumpIndex(Deque<Integer> indices) {
        if (!indices.isEmpty() && indices.peek() >= 0) {
            indices.push(indices.pop() + 1);
        }
    }

    private static String join(Deque<String> path) {
        StringBuilder b = new StringBuilder();
        var it = path.descendingIterator();
        while (it.hasNext()) {
            String s = it.next();
            if (s.isEmpty()) {
                continue;
            }
            if (b.length() > 0 && !s.startsWith("[")) {
                b.append('.');
            }
            b.append(s);
        }
        return b.toString();
    }

    private static int line(JsonLocation l) {
        return l == null ? 0 : l.getLineNr();
    }

    private static String size(long bytes) {
        return bytes >= (1L << 20) ? String.format(Locale.ROOT, "%.1f MiB (%d bytes)", bytes / 1048576.0, bytes)
                : bytes + " bytes";
    }

    private static String firstLine(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
    }
}
