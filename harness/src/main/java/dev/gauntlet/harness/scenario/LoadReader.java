package dev.gauntlet.harness.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a scenario's {@code load:} into a {@link LoadConfig}: the old single rate, a profile of steps, a closed
 * model, a request mix with feeders, several named streams. Every problem is one {@link ScenarioInvalidException}.
 *
 * <pre>{@code
 * load:                                  # or simply a list of steps
 *   model: open                          # open (default) | closed
 *   connections: per_user                # per_request | per_user | shared
 *   profile:
 *     - constant: { rate: 200/s, for: 10s }
 *     - ramp: { from: 200/s, to: 1000/s, over: 1s }
 *   requests:
 *     - { name: home, weight: 3, path: / }
 *     - { name: item, weight: 1, path: "/items/#{id}", feeder: ids.csv }
 * }</pre>
 */
final class LoadReader {

    private static final Set<String> LOAD_FIELDS = Set.of("model", "rate", "duration", "path", "timeout", "profile",
            "requests", "streams", "users", "think", "connections", "keep_alive");
    private static final Set<String> STREAM_FIELDS = Set.of("name", "rate", "duration", "path", "profile", "requests",
            "users");
    private static final Set<String> REQUEST_FIELDS = Set.of("name", "weight", "method", "path", "headers", "query",
            "body", "body_file", "expect_status", "feeder");
    private static final Set<String> STEP_KINDS = Set.of("constant", "ramp", "spike", "steps", "pause", "users",
            "ramp_users");
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(?:/s)?");
    private static final Pattern EL = Pattern.compile("#\\{([^}]*)}");
    static final double MAX_RATE = 20_000;
    static final int MAX_USERS = 10_000;

    private final Path baseDir;

    LoadReader(Path baseDir) {
        this.baseDir = baseDir;
    }

    LoadConfig read(YamlReader l) {
        if (l.node() != null && l.node().isArray()) {
            return new LoadConfig(LoadModel.OPEN, List.of(new LoadStream(LoadStream.DEFAULT_NAME,
                    profile(l, LoadModel.OPEN), List.of(RequestSpec.get("/")))), Duration.ofSeconds(10),
                    LoadConfig.DEFAULT_CONNECTIONS, true, Duration.ZERO);
        }
        l.requireObject().onlyFields(LOAD_FIELDS);
        LoadModel model = LoadModel.byWord(l.oneOf("model", "open", Set.of("open", "closed")));
        Duration timeout = l.duration("timeout", Duration.ofSeconds(10), Duration.ofMillis(10));
        ConnectionMode connections = ConnectionMode.byWord(l.oneOf("connections",
                LoadConfig.DEFAULT_CONNECTIONS.word(), Set.of("per_request", "per_user", "shared")));
        boolean keepAlive = bool(l, "keep_alive", true);
        Duration think = l.duration("think", Duration.ZERO, Duration.ZERO);
        if (model == LoadModel.OPEN && l.has("think")) {
            throw l.invalidField("think", l.string("think", ""), "think time only with model: closed");
        }
        List<LoadStream> streams = new ArrayList<>();
        if (l.has("streams")) {
            for (String f : List.of("rate", "duration", "path", "profile", "requests", "users")) {
                if (l.has(f)) {
                    throw l.invalidField(f, YamlReader.show(l.node().get(f)), "no " + f + " beside streams: each stream has its own");
                }
            }
            YamlReader list = l.at("streams").requireArray();
            if (list.size() == 0) {
                throw list.invalid("[]", "at least one stream");
            }
            Set<String> names = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                YamlReader s = list.index(i).requireObject().onlyFields(STREAM_FIELDS);
                String name = s.string("name", null);
                if (!NAME.matcher(name).matches() || !names.add(name)) {
                    throw s.invalidField("name", name, "lower-case letters, digits, _ and -, not used by another stream");
                }
                streams.add(stream(s, name, model));
            }
        } else {
            streams.add(stream(l, LoadStream.DEFAULT_NAME, model));
        }
        return new LoadConfig(model, streams, timeout, connections, keepAlive, think);
    }

    private LoadStream stream(YamlReader s, String name, LoadModel model) {
        List<LoadStep> steps;
        if (s.has("profile")) {
            for (String f : List.of("rate", "duration", "users")) {
                if (s.has(f)) {
                    throw s.invalidField(f, YamlReader.show(s.node().get(f)), "no " + f + " beside profile: put it in a step");
                }
            }
            steps = profile(s.at("profile"), model);
        } else if (model == LoadModel.CLOSED) {
            steps = List.of(new LoadStep.Users(users(s, "users"), s.duration("duration", null, Duration.ofSeconds(1))));
        } else {
            steps = List.of(new LoadStep.Constant(rate(s, "rate", false), s.duration("duration", null, Duration.ofSeconds(1))));
        }
        if (s.has("requests") && s.has("path")) {
            throw s.invalidField("path", s.string("path", ""), "either path or requests, not both");
        }
        List<RequestSpec> requests = s.has("requests") ? requests(s.at("requests"))
                : List.of(RequestSpec.get(path(s, "path", "/")));
        return new LoadStream(name, steps, requests);
    }

    private List<LoadStep> profile(YamlReader p, LoadModel model) {
        p.requireArray();
        if (p.size() == 0) {
            throw p.invalid("[]", "at least one step");
        }
        List<LoadStep> steps = new ArrayList<>();
        for (int i = 0; i < p.size(); i++) {
            YamlReader item = p.index(i).requireObject().onlyFields(STEP_KINDS);
            if (item.node().size() != 1) {
                throw item.invalid(YamlReader.show(item.node()), "one step: one of " + String.join(", ", STEP_KINDS.stream().sorted().toList()));
            }
            String kind = item.node().fieldNames().next();
            LoadStep step = step(item, kind);
            if (step.closed() != (model == LoadModel.CLOSED)) {
                throw item.invalidField(kind, YamlReader.show(item.node().get(kind)), model == LoadModel.CLOSED
                        ? "a closed-model step (users, ramp_users) with model: closed"
                        : "an open-model step (constant, ramp, spike, steps, pause); users and ramp_users need model: closed");
            }
            steps.add(step);
        }
        return steps;
    }

    private LoadStep step(YamlReader item, String kind) {
        if (kind.equals("pause")) {
            return new LoadStep.Pause(item.duration("pause", null, Duration.ofMillis(1)));
        }
        YamlReader s = item.at(kind).requireObject();
        return switch (kind) {
            case "constant" -> {
                s.onlyFields(Set.of("rate", "for"));
                yield new LoadStep.Constant(rate(s, "rate", false), whole(s, "for", s.duration("for", null, Duration.ofSeconds(1))));
            }
            case "ramp" -> {
                s.onlyFields(Set.of("from", "to", "over"));
                yield new LoadStep.Ramp(rate(s, "from", true), rate(s, "to", true),
                        whole(s, "over", s.duration("over", null, Duration.ofSeconds(1))));
            }
            case "spike" -> {
                s.onlyFields(Set.of("users", "over"));
                yield new LoadStep.Spike((int) s.integer("users", null, 1, 1_000_000), s.duration("over", null, Duration.ofMillis(1)));
            }
            case "steps" -> {
                s.onlyFields(Set.of("levels", "rate", "each", "ramp", "from"));
                int levels = (int) s.integer("levels", null, 1, 100);
                double increment = rate(s, "rate", false);
                Duration each = s.duration("each", null, Duration.ofMillis(1));
                Duration ramp = s.duration("ramp", Duration.ZERO, Duration.ZERO);
                double from = s.has("from") ? rate(s, "from", true) : 0;
                LoadStep.Staircase stairs = new LoadStep.Staircase(levels, increment, whole(s, "each", each),
                        whole(s, "ramp", ramp), from);
                if (stairs.top() > MAX_RATE) {
                    throw s.invalidField("levels", String.valueOf(levels), "a top level of at most " + (long) MAX_RATE + "/s");
                }
                yield stairs;
            }
            case "users" -> {
                s.onlyFields(Set.of("count", "for"));
                yield new LoadStep.Users(users(s, "count"), s.duration("for", null, Duration.ofMillis(1)));
            }
            default -> { // ramp_users
                s.onlyFields(Set.of("from", "to", "over"));
                yield new LoadStep.RampUsers((int) s.integer("from", null, 0, MAX_USERS), (int) s.integer("to", null, 0, MAX_USERS), s.duration("over", null, Duration.ofMillis(1)));
            }
        };
    }

    private List<RequestSpec> requests(YamlReader list) {
        list.requireArray();
        if (list.size() == 0) {
            throw list.invalid("[]", "at least one request");
        }
        List<RequestSpec> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            YamlReader r = list.index(i).requireObject().onlyFields(REQUEST_FIELDS);
            String name = r.string("name", null);
            if (!NAME.matcher(name).matches() || !names.add(name)) {
                throw r.invalidField("name", name, "lower-case letters, digits, _ and -, not used by another request of the stream");
            }
            double weight = number(r, "weight", 1.0);
            String method = r.string("method", "GET").toUpperCase(java.util.Locale.ROOT);
            if (!METHODS.contains(method)) {
                throw r.invalidField("method", r.string("method", ""), "one of " + String.join(", ", METHODS.stream().sorted().toList()));
            }
            String path = path(r, "path", null);
            Map<String, String> headers = strings(r.at("headers"));
            Map<String, String> query = strings(r.at("query"));
            if (r.has("body") && r.has("body_file")) {
                throw r.invalidField("body_file", r.string("body_file", ""), "either body or body_file, not both");
            }
            String body = r.has("body") ? r.string("body", null) : null;
            Path bodyFile = r.has("body_file") ? existing(r, "body_file") : null;
            List<Integer> statuses = statuses(r.at("expect_status"));
            RequestSpec.Feeder feeder = r.has("feeder") ? feeder(r.at("feeder")) : null;
            checkColumns(r, path, headers, query, body, feeder);
            out.add(new RequestSpec(name, weight, method, path, headers, query, body, bodyFile, statuses, feeder));
        }
        double total = out.stream().mapToDouble(RequestSpec::weight).sum();
        if (total <= 0) {
            throw list.invalid("total weight 0", "a mix whose weights add up to more than 0");
        }
        return out;
    }

    private RequestSpec.Feeder feeder(YamlReader f) {
        if (f.node().isValueNode()) {
            Path file = existing(f, null);
            return new RequestSpec.Feeder(file, format(f, file), RequestSpec.FeederStrategy.CIRCULAR);
        }
        f.requireObject().onlyFields(Set.of("file", "strategy"));
        Path file = existing(f, "file");
        String strategy = f.oneOf("strategy", "circular", Set.of("circular", "random"));
        return new RequestSpec.Feeder(file, format(f, file),
                RequestSpec.FeederStrategy.valueOf(strategy.toUpperCase(java.util.Locale.ROOT)));
    }

    private static RequestSpec.FeederFormat format(YamlReader f, Path file) {
        String n = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (n.endsWith(".csv")) {
            return RequestSpec.FeederFormat.CSV;
        }
        if (n.endsWith(".json")) {
            return RequestSpec.FeederFormat.JSON;
        }
        throw f.invalid(file.getFileName().toString(), "a .csv or .json feeder file (Gatling's csv or jsonFile)");
    }

    /** A {@code #{column}} with no feeder, or not among the feeder's columns, would fail every request at run time. */
    private static void checkColumns(YamlReader r, String path, Map<String, String> headers, Map<String, String> query,
                                     String body, RequestSpec.Feeder feeder) {
        List<String> texts = new ArrayList<>(List.of(path));
        texts.addAll(headers.values());
        texts.addAll(query.values());
        if (body != null) {
            texts.add(body);
        }
        Set<String> columns = feeder == null ? Set.of() : FeederColumns.of(feeder);
        if (feeder != null && columns.isEmpty()) {
            throw r.invalidField("feeder", feeder.file().getFileName().toString(),
                    "a feeder file with records: a CSV header and a row, or a JSON array of objects");
        }
        for (String text : texts) {
            Matcher m = EL.matcher(text);
            while (m.find()) {
                if (!columns.contains(m.group(1))) {
                    throw r.invalid("#{" + m.group(1) + "}", feeder == null ? "a feeder whose records have " + m.group(1)
                            : "a column of " + feeder.file().getFileName() + ": " + String.join(", ", columns));
                }
            }
        }
    }

    private Path existing(YamlReader r, String field) {
        String name = field == null ? r.node().asText() : r.string(field, null);
        Path file = baseDir.resolve(name).normalize();
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw field == null ? r.invalid(name, "a readable file (relative to the scenario's folder)")
                    : r.invalidField(field, name, "a readable file (relative to the scenario's folder)");
        }
        return file;
    }

    private static List<Integer> statuses(YamlReader s) {
        if (s.isMissing()) {
            return List.of();
        }
        JsonNode n = s.node();
        List<Integer> out = new ArrayList<>();
        for (JsonNode v : n.isArray() ? n : List.of(n)) {
            if (!v.isIntegralNumber() || v.asInt() < 100 || v.asInt() > 599) {
                throw s.invalid(YamlReader.show(n), "a status or list of statuses from 100 to 599");
            }
            out.add(v.asInt());
        }
        return out;
    }

    private static Map<String, String> strings(YamlReader m) {
        Map<String, String> out = new LinkedHashMap<>();
        if (m.isMissing()) {
            return out;
        }
        m.requireObject().node().fields().forEachRemaining(e -> {
            if (!e.getValue().isValueNode()) {
                throw m.invalidField(e.getKey(), YamlReader.show(e.getValue()), "a text value");
            }
            out.put(e.getKey(), e.getValue().asText());
        });
        return out;
    }

    private static String path(YamlReader r, String field, String fallback) {
        String path = r.string(field, fallback);
        if (!path.startsWith("/")) {
            throw r.invalidField(field, path, "a path starting with /");
        }
        return path;
    }

    private static double rate(YamlReader r, String field, boolean zeroAllowed) {
        String text = r.string(field, null);
        Matcher m = RATE.matcher(text.trim());
        double rate = m.matches() ? Double.parseDouble(m.group(1)) : -1;
        if (rate < 0 || (!zeroAllowed && rate == 0) || rate > MAX_RATE) {
            throw r.invalidField(field, text, "a rate like 200/s, from " + (zeroAllowed ? "0/s" : "0.1/s") + " to 20000/s");
        }
        return rate;
    }

    /** Gatling's rate steps inject per whole second ({@code duration.toSeconds}): 1.5s would silently run as 1s. */
    private static Duration whole(YamlReader r, String field, Duration d) {
        if (d.toNanos() % 1_000_000_000L != 0) {
            throw r.invalidField(field, r.string(field, ""), "a whole number of seconds: Gatling injects a rate second by second");
        }
        return d;
    }

    private static int users(YamlReader r, String field) {
        return (int) r.integer(field, null, 1, MAX_USERS);
    }

    private static double number(YamlReader r, String field, double fallback) {
        JsonNode v = r.node().get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isNumber() || v.asDouble() < 0) {
            throw r.invalidField(field, YamlReader.show(v), "a number >= 0");
        }
        return v.asDouble();
    }

    private static boolean bool(YamlReader r, String field, boolean fallback) {
        JsonNode v = r.node().get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw r.invalidField(field, YamlReader.show(v), "true or false");
        }
        return v.asBoolean();
    }
}
