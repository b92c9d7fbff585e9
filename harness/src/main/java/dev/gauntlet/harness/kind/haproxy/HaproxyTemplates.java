package dev.gauntlet.harness.kind.haproxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.harness.kind.GatewayKind;
import dev.gauntlet.harness.kind.GatewayLaunch;
import dev.gauntlet.harness.kind.NativeConfig;
import dev.gauntlet.harness.kind.template.TemplateDialect;
import dev.gauntlet.harness.kind.template.TemplateEndpoint;
import dev.gauntlet.harness.runtime.Gateway;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A user's own haproxy.cfg as a template: {@code {{ backends.api }}} becomes {@code server api-0 127.0.0.1:P check
 * weight 1} lines; {@code {{ stats.socket }}} (the CLI socket the view asks {@code show servers state}) and
 * {@code {{ log.address }}} (the syslog socket the view reads "Server api/api-0 is DOWN" from) are owned by the
 * harness and must appear. The check scheduling is read back from the file with HAProxy's own defaults for what
 * it leaves out (configuration.txt 5.2: inter 2s, fastinter and downinter = inter, rise 2, fall 3; 4.2 "retries"
 * 3; "timeout check" unset: the check times out at inter).
 *
 * <pre>
 * global
 *   log {{ log.address }} len 8192 format rfc5424 local0 info
 *   stats socket {{ stats.socket }} mode 600 level admin
 * backend api
 *   default-server inter {{ var "inter" "2s" }} fall {{ var "fall" "3" }} rise 2
 *   {{ backends.api }}
 * </pre>
 */
final class HaproxyTemplates implements TemplateDialect {

    private static final Set<String> SECTIONS = Set.of("global", "defaults", "frontend", "backend", "listen", "peers",
            "resolvers", "userlist", "mailers", "cache", "program", "http-errors", "ring");
    private static final Set<String> TIMED = Set.of("inter", "fastinter", "downinter", "slowstart");
    private static final Set<String> COUNTED = Set.of("rise", "fall", "error-limit");
    private static final Pattern TIME = Pattern.compile("(\\d+)(us|ms|s|m|h|d)?");

    @Override
    public String fileName() {
        return HaproxyKind.FILE;
    }

    @Override
    public List<String> backendLines(List<TemplateEndpoint> endpoints) {
        return endpoints.stream().map(e -> "server " + e.name() + " " + e.address() + " check weight " + e.weight()).toList();
    }

    @Override
    public Map<String, String> placeholders(GatewayLaunch launch) {
        Map<String, String> own = new LinkedHashMap<>();
        own.put("stats.socket", HaproxyKind.statsSocket(launch).toString());
        own.put("log.address", "127.0.0.1:" + launch.adminPort());
        return own;
    }

    @Override
    public Set<String> required() {
        return new LinkedHashSet<>(List.of("stats.socket", "log.address"));
    }

    /** Each cluster's backend as the user's file states it; {@code unknown} says what the bounds cannot use. */
    @Override
    public ObjectNode effectiveConfig(GatewayKind kind, Gateway gateway, GatewayLaunch launch, NativeConfig config) {
        String cfg = config.files().get(config.main());
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode clusters = root.putArray("clusters");
        for (JsonNode c : launch.neutral().path("clusters")) {
            clusters.add(read(c.path("name").asText(), cfg));
        }
        root.put("source", "the user's " + HaproxyKind.FILE + " as rendered (haproxy -c checked), HAProxy's defaults"
                + " for what it leaves out");
        return root;
    }

    /** One backend's scheduling as HAProxy will run it, from the file's text. */
    static ObjectNode read(String backend, String cfg) {
        Map<String, String> global = new LinkedHashMap<>();
        Map<String, String> defaults = new LinkedHashMap<>();
        Map<String, String> own = new LinkedHashMap<>();
        Map<String, String> defaultsServer = new LinkedHashMap<>();
        Map<String, String> ownServer = new LinkedHashMap<>();
        List<Map<String, String>> servers = new ArrayList<>();
        String section = "";
        boolean found = false;
        for (String raw : cfg.split("\n")) {
            String line = raw.replaceAll("(^|\\s)#.*$", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] w = line.split("\\s+");
            if (SECTIONS.contains(w[0])) {
                section = w[0].equals("backend") || w[0].equals("listen") ? w[0] + " " + (w.length > 1 ? w[1] : "") : w[0];
                if (w[0].equals("defaults")) {
                    defaults.clear(); // a later defaults section replaces the earlier one for the proxies after it
                    defaultsServer.clear();
                }
                found |= section.equals("backend " + backend) || section.equals("listen " + backend);
                continue;
            }
            boolean mine = section.equals("backend " + backend) || section.equals("listen " + backend);
            if (section.equals("global") && w[0].equals("spread-checks") && w.length > 1) {
                global.put("spread-checks", w[1]);
            } else if (section.equals("defaults") || mine) {
                Map<String, String> into = section.equals("defaults") ? defaults : own;
                Map<String, String> serverInto = section.equals("defaults") ? defaultsServer : ownServer;
                if (w[0].equals("default-server")) {
                    options(w, 1, serverInto);
                } else if (w[0].equals("server") && mine && w.length >= 3) {
                    Map<String, String> s = new LinkedHashMap<>();
                    options(w, 3, s);
                    s.put("#name", w[1]);
                    s.put("#address", w[2]);
                    servers.add(s);
                } else if (w[0].equals("timeout") && w.length == 3) {
                    into.put("timeout " + w[1], w[2]);
                } else if ((w[0].equals("retries") || w[0].equals("balance")) && w.length >= 2) {
                    into.put(w[0], w[1]);
                } else if (w[0].equals("option") && w.length >= 2 && (w[1].equals("httpchk") || w[1].equals("tcp-check"))) {
                    into.put("check-type", w[1].equals("httpchk") ? "http" : "tcp");
                    if (w[1].equals("httpchk") && w.length >= 4) {
                        into.put("check-path", w[3]); // option httpchk <method> <uri>
                    }
                } else if (w[0].equals("http-check") && w.length >= 2 && w[1].equals("send")) {
                    for (int i = 2; i + 1 < w.length; i++) {
                        if (w[i].equals("uri")) {
                            into.put("check-path", w[i + 1]);
                        }
                    }
                }
            }
        }
        List<String> unknown = new ArrayList<>();
        if (!found) {
            unknown.add("haproxy.cfg has no backend " + backend + " (the cluster's servers are elsewhere)");
        }
        Map<String, String> settings = new LinkedHashMap<>(defaults);
        settings.putAll(own);
        Map<String, String> server = same(servers, defaultsServer, ownServer, unknown);
        long inter = ms(server.get("inter"), 2000, "inter", unknown);
        long fastinter = ms(server.get("fastinter"), inter, "fastinter", unknown);
        long downinter = ms(server.get("downinter"), inter, "downinter", unknown);
        if (fastinter != inter) {
            unknown.add("haproxy.cfg sets fastinter " + fastinter + "ms apart from inter " + inter
                    + "ms; the haproxy model assumes the two equal");
        }
        long connect = ms(settings.get("timeout connect"), 5000, "timeout connect", unknown);
        boolean timeoutCheck = settings.containsKey("timeout check");
        long timeout = ms(settings.get("timeout check"), inter, "timeout check", unknown);
        boolean checks = server.containsKey("check") && !server.containsKey("no-check");
        int errorLimit = server.containsKey("observe") ? count(server.getOrDefault("error-limit", "10"), unknown) : 0;
        int spread = global.containsKey("spread-checks") ? count(global.get("spread-checks"), unknown) : 0;
        List<HaproxyCluster.Server> listed = servers.stream()
                .map(s -> new HaproxyCluster.Server(s.get("#name"), s.get("#address"), 1)).toList();
        HaproxyCluster c = new HaproxyCluster(backend, settings.getOrDefault("balance", "roundrobin"), listed, checks,
                settings.getOrDefault("check-type", "tcp"), settings.getOrDefault("check-path", "/"), null, inter, downinter, spread, timeout,
                count(server.getOrDefault("fall", "3"), unknown), count(server.getOrDefault("rise", "2"), unknown),
                List.of(200), null, count(settings.getOrDefault("retries", "3"), unknown), List.of(),
                ms(settings.get("timeout server"), 0, "timeout server", unknown), connect,
                ms(server.get("slowstart"), 0, "slowstart", unknown), false, null, true,
                timeoutCheck ? Math.min(connect, inter) : inter, errorLimit, 0);
        ObjectNode out = c.effective();
        if (!unknown.isEmpty()) {
            out.put("unknown", String.join("; ", unknown));
        }
        return out;
    }

    /** {@code inter 1s fall 3 check ...} from word {@code from} on: valued keywords with their value, flags as "". */
    private static void options(String[] w, int from, Map<String, String> into) {
        for (int i = from; i < w.length; i++) {
            if ((TIMED.contains(w[i]) || COUNTED.contains(w[i]) || w[i].equals("observe")) && i + 1 < w.length) {
                into.put(w[i], w[++i]);
            } else if (w[i].equals("check") || w[i].equals("no-check")) {
                into.put(w[i], "");
            }
        }
    }

    /** The settings every server of the backend shares; a setting servers disagree on goes to {@code unknown}. */
    private static Map<String, String> same(List<Map<String, String>> servers, Map<String, String> defaultsServer,
                                            Map<String, String> ownServer, List<String> unknown) {
        Map<String, String> base = new LinkedHashMap<>(defaultsServer);
        base.putAll(ownServer);
        if (servers.isEmpty()) {
            return base;
        }
        Map<String, String> first = merged(base, servers.get(0));
        for (Map<String, String> s : servers.subList(1, servers.size())) {
            Map<String, String> other = merged(base, s);
            Set<String> keys = new LinkedHashSet<>(first.keySet());
            keys.addAll(other.keySet());
            for (String k : keys) {
                if (!k.startsWith("#") && !java.util.Objects.equals(first.get(k), other.get(k))) {
                    unknown.add("haproxy.cfg's servers " + first.get("#name") + " and " + other.get("#name") + " differ in "
                            + k + " (" + first.getOrDefault(k, "unset") + ", " + other.getOrDefault(k, "unset")
                            + "); the model bounds one schedule per cluster");
                    first.remove(k);
                }
            }
        }
        return first;
    }

    private static Map<String, String> merged(Map<String, String> base, Map<String, String> server) {
        Map<String, String> m = new LinkedHashMap<>(base);
        m.putAll(server);
        return m;
    }

    /** HAProxy's time format (configuration.txt 2.5): a number, ms unless a unit follows. */
    private static long ms(String value, long fallback, String what, List<String> unknown) {
        if (value == null) {
            return fallback;
        }
        Matcher m = TIME.matcher(value);
        if (!m.matches()) {
            unknown.add("haproxy.cfg's " + what + " \"" + value + "\" is not a time the reader knows");
            return fallback;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2) == null ? "ms" : m.group(2)) {
            case "us" -> n / 1000;
            case "s" -> n * 1000;
            case "m" -> n * 60_000;
            case "h" -> n * 3_600_000;
            case "d" -> n * 86_400_000;
            default -> n;
        };
    }

    private static int count(String value, List<String> unknown) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            unknown.add("haproxy.cfg's count \"" + value + "\" is not a number");
            return 0;
        }
    }
}
